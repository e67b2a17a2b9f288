package dev.tango.runtime.data;

import java.util.Objects;

import dev.tango.core.tier.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * One labelled row of a data set, as {@link LabelledDataReader} reads it.
 *
 * @param line the line of the file where the row starts (1-based)
 * @param text the text
 * @param pair the second text of a pair, or {@code null}
 * @param label the label
 * @param split the split the file assigned the row to (such as {@code train}), or
 * {@code null}
 */
public record DatasetRow(long line, String text, @Nullable String pair, String label, @Nullable String split) {

	public DatasetRow {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(label, "label");
	}

	/**
	 * Returns the row's input.
	 * @return the text, or pair of texts
	 */
	public TextInput input() {
		return new TextInput(this.text, this.pair);
	}

}
