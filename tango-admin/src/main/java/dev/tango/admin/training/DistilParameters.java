package dev.tango.admin.training;

import java.util.Objects;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.RegistryDescriptions;
import dev.tango.models.registry.RegistryNames;

/**
 * What a distil job distils, from what, on what. Absent values take the defaults below.
 *
 * @param model the name of the model to register the student as a new version of
 * @param teacherCascade the cascade whose version's last tier teaches
 * @param teacherVersion that version; default the active one, else the latest
 * @param datasetId the labelled data set
 * @param split only the data set's rows of this split; default every row
 * @param unlabelledDatasetId a second data set whose texts (its labels unused) the
 * teacher labels for the student too, or {@code null}
 * @param student the kind of student: {@code lexical} (hashed word n-grams with a linear
 * softmax), the only kind this job trains (a transformer student is a fine-tune job with
 * a teacher); default {@code lexical}
 * @param temperature the temperature of the teacher's softened probabilities, positive;
 * default 2
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}; default
 * 0.5
 * @param augment augmented variants of each text the student is fitted on (word dropout,
 * a swap of adjacent words or a deleted span; scored by the teacher; never of the
 * held-out rows), in {@code [0, 16]}; default 0, none
 * @param seed the seed of the held-out split; default 42
 * @param description free text for the model version, or {@code null}
 */
public record DistilParameters(@NotBlank String model, @NotBlank String teacherCascade,
		@Nullable Integer teacherVersion, long datasetId, @Nullable String split, @Nullable Long unlabelledDatasetId,
		@Nullable String student, @Nullable Double temperature, @Nullable Double alpha, @Nullable Integer augment,
		@Nullable Long seed, @Nullable String description) {

	/** The lexical student. */
	public static final String LEXICAL = "lexical";

	/**
	 * Checks the values a job would otherwise fail on later.
	 * @throws IllegalArgumentException if a value is out of range
	 * @throws dev.tango.models.registry.InvalidRegistryRequestException if the model name
	 * breaks the registry's rule
	 */
	public void check() {
		RegistryNames.check("model", this.model);
		RegistryDescriptions.check(this.description);
		if (this.student != null && !LEXICAL.equals(this.student)) {
			throw new IllegalArgumentException("Unknown student '" + this.student + "': use " + LEXICAL
					+ " (for a transformer student, submit a fine-tune job with a teacher and layers)");
		}
		teacher().check();
	}

	/**
	 * Returns the teacher these parameters name.
	 * @return the teacher, temperature, alpha and augmentation
	 */
	TeacherRequest teacher() {
		return new TeacherRequest(this.teacherCascade, this.teacherVersion, this.temperature, this.alpha, this.augment);
	}

	long seedOrDefault() {
		return Objects.requireNonNullElse(this.seed, 42L);
	}

}
