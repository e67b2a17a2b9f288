package dev.tango.train.distil;

import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.TierRunner;

/**
 * A model whose class probabilities a student learns: the teacher of distillation.
 */
public interface Teacher {

	/**
	 * Returns a name for the student's provenance, such as the cascade descriptor and
	 * tier the teacher came from.
	 * @return the name
	 */
	String id();

	/**
	 * Returns the labels, in the order of the probabilities.
	 * @return at least two labels
	 */
	List<String> labels();

	/**
	 * Returns the class probabilities of texts softened at a temperature:
	 * {@code softmax(logits / T)}.
	 * @param inputs the texts
	 * @param temperature {@code T > 0}; 1 gives the teacher's own probabilities, higher
	 * values flatter ones
	 * @param progress told how far the scoring has got; may throw to stop it
	 * @return one row of {@code labels().size()} probabilities summing to 1 per input, in
	 * input order
	 * @throws dev.tango.core.tier.TierException if the teacher fails
	 */
	double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress);

}
