package dev.tango.runtime.data;

import java.util.Objects;

import dev.tango.core.tier.TextInput;

/**
 * One labelled row of a data set.
 *
 * @param input the text, or pair of texts
 * @param label the label
 * @param line the line of the file where the row starts (1-based; the header is line 1)
 */
public record LabelledExample(TextInput input, String label, long line) {

	public LabelledExample {
		Objects.requireNonNull(input, "input");
		Objects.requireNonNull(label, "label");
	}

}
