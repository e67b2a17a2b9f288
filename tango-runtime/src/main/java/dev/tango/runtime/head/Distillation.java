package dev.tango.runtime.head;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a head was distilled from a teacher: trained on the teacher's softened
 * probabilities, mixed with the labels, over the labelled texts and any unlabelled ones.
 *
 * @param teacher the teacher's name, such as the cascade descriptor and tier it came from
 * @param temperature the temperature {@code T > 0} at which the teacher's probabilities
 * were softened
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}; the
 * teacher's term has weight {@code (1 − alpha) · T²}
 * @param unlabelled the unlabelled texts' name, or {@code null} if there were none
 * @param unlabelledSha256 the SHA-256 of the unlabelled texts' file, or {@code null}
 * @param unlabelledRows the number of unlabelled texts trained on
 * @param augmentPerText how many augmented variants were asked of each text the student
 * was fitted on (0: no augmentation)
 * @param augmentedRows the number of augmented variants trained on, scored by the teacher
 * @param teacherHeldOutAccuracy the teacher's accuracy on the held-out labelled rows
 * @param heldOutAgreement the share of held-out labelled rows on which the model fitted
 * without them predicts the teacher's label
 * @param teacherSeconds the wall time spent scoring the texts with the teacher
 * @param fitSeconds the wall time spent computing features and fitting
 */
public record Distillation(String teacher, double temperature, double alpha, @Nullable String unlabelled,
		@Nullable String unlabelledSha256, int unlabelledRows, int augmentPerText, int augmentedRows,
		double teacherHeldOutAccuracy, double heldOutAgreement, double teacherSeconds, double fitSeconds) {

	public Distillation {
		Objects.requireNonNull(teacher, "teacher");
		if (!(temperature > 0) || !(alpha >= 0 && alpha <= 1) || unlabelledRows < 0 || augmentPerText < 0
				|| augmentedRows < 0) {
			throw new IllegalArgumentException("Invalid distillation settings: temperature " + temperature + ", alpha "
					+ alpha + ", unlabelled rows " + unlabelledRows + ", augmented " + augmentPerText + " per text, "
					+ augmentedRows + " rows");
		}
	}

}
