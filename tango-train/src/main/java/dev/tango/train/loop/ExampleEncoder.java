package dev.tango.train.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.text.TextTokenizer;
import org.jspecify.annotations.Nullable;

/**
 * Turns texts and text pairs into {@link TrainingExample training examples} with the
 * tokenizer the model serves with: special tokens added, truncated to the tokenizer's
 * maximum (longest first for pairs), unpadded (batches are padded by
 * {@link BatchTensors}).
 *
 * <p>
 * Thread-safe as the tokenizer is; the tokenizer stays the caller's to close.
 */
public final class ExampleEncoder {

	private final TextTokenizer tokenizer;

	/**
	 * Creates an encoder over a tokenizer.
	 * @param tokenizer the tokenizer, such as the bundled encoder's
	 * {@code tokenizer.json} loaded with the training maximum length
	 */
	public ExampleEncoder(TextTokenizer tokenizer) {
		this.tokenizer = tokenizer;
	}

	/**
	 * Encodes a labelled data set with hard labels.
	 * @param data the rows
	 * @param labels the classes, in the model's output order; every row's label must be
	 * one of them (a held-out slice is encoded with the training set's labels)
	 * @return one example per row, in row order
	 */
	public List<TrainingExample> labelled(LabelledDataset data, List<String> labels) {
		Map<String, Integer> index = indexOf(labels);
		List<TrainingExample> examples = new ArrayList<>(data.size());
		for (LabelledExample row : data.examples()) {
			Integer label = index.get(row.label());
			if (label == null) {
				throw new IllegalArgumentException(
						data.name() + ":" + row.line() + ": label '" + row.label() + "' is not one of " + labels);
			}
			examples.add(encode(row.input(), label, null));
		}
		return examples;
	}

	/**
	 * Encodes inputs with a teacher's probabilities, for distillation.
	 * @param inputs the texts or pairs
	 * @param teacher each input's teacher probabilities at the distillation temperature,
	 * in input order
	 * @param labels each input's class index to mix in, or {@code null} for unlabelled
	 * text
	 * @return one example per input, in input order
	 */
	public List<TrainingExample> distilled(List<TextInput> inputs, List<float[]> teacher, int @Nullable [] labels) {
		if (teacher.size() != inputs.size() || (labels != null && labels.length != inputs.size())) {
			throw new IllegalArgumentException("One teacher distribution (and label) per input is needed: "
					+ inputs.size() + " inputs, " + teacher.size() + " distributions");
		}
		List<TrainingExample> examples = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			examples.add(encode(inputs.get(i), (labels != null) ? labels[i] : TrainingExample.UNLABELLED,
					teacher.get(i).clone()));
		}
		return examples;
	}

	/**
	 * Returns the id that pads batches of these examples.
	 * @return the tokenizer's padding id
	 */
	public long padId() {
		return this.tokenizer.padId();
	}

	private TrainingExample encode(TextInput input, int label, float @Nullable [] teacher) {
		TextTokenizer.Encoded encoded = this.tokenizer.encode(input);
		return new TrainingExample(encoded.ids(), encoded.typeIds(), label, teacher);
	}

	private static Map<String, Integer> indexOf(List<String> labels) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			if (index.put(labels.get(i), i) != null) {
				throw new IllegalArgumentException("Duplicate label " + labels.get(i));
			}
		}
		return index;
	}

}
