package dev.tango.core.tier;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A class label: the identifier that labelled data, heads and tiers use (such as SST-2's
 * {@code 0} and {@code 1}), and an optional display name that answers show people (such
 * as {@code negative}). Calibration, evaluation and training match data by {@link #id()};
 * answers name a label by {@link #name()}. A label without a display name is shown by its
 * identifier. Immutable.
 *
 * @param id the identifier: not blank
 * @param displayName the display name, or {@code null} to show the identifier; not blank
 * when given
 */
public record Label(String id, @Nullable String displayName) {

	public Label {
		Objects.requireNonNull(id, "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("A label's identifier must not be blank");
		}
		if (displayName != null && displayName.isBlank()) {
			throw new IllegalArgumentException("The display name of label '" + id + "' must not be blank");
		}
	}

	/**
	 * Returns what keeps a text from being a registered label's identifier or display
	 * name, if anything: it must be a name people read and tell apart
	 * ({@link UnicodeText#nameFault}), hold no comma, since the Open Inference Protocol's
	 * model metadata lists labels as one comma-separated text, and be in Unicode
	 * normalization form C, so that two labels that look the same are the same.
	 * @param text the identifier or display name
	 * @return the fault, worded to follow the text (such as "holds a comma: ..."), or
	 * empty if the text may name a label
	 */
	public static Optional<String> textFault(String text) {
		Optional<String> fault = UnicodeText.nameFault(text);
		if (fault.isPresent()) {
			return fault;
		}
		if (text.indexOf(',') >= 0) {
			return Optional
				.of("holds a comma: the model metadata of the Open Inference Protocol lists labels separated by commas");
		}
		if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
			return Optional
				.of("is not in Unicode normalization form C (NFC): a letter and a combining mark stand where "
						+ "one composed character exists, so it would look like another label yet differ; write it "
						+ "composed ('" + Normalizer.normalize(text, Normalizer.Form.NFC) + "')");
		}
		return Optional.empty();
	}

	/**
	 * Returns a label without a display name.
	 * @param id the identifier
	 * @return the label
	 */
	public static Label of(String id) {
		return new Label(id, null);
	}

	/**
	 * Returns labels without display names.
	 * @param ids the identifiers, in order
	 * @return the labels, in the same order
	 */
	public static List<Label> of(List<String> ids) {
		return ids.stream().map(Label::of).toList();
	}

	/**
	 * Returns the identifiers of labels.
	 * @param labels the labels
	 * @return their identifiers, in order
	 */
	public static List<String> ids(List<Label> labels) {
		return labels.stream().map(Label::id).toList();
	}

	/**
	 * Returns the names answers show for labels.
	 * @param labels the labels
	 * @return their {@link #name() names}, in order
	 */
	public static List<String> names(List<Label> labels) {
		return labels.stream().map(Label::name).toList();
	}

	/**
	 * Returns the name answers show: the display name, or the identifier when there is
	 * none.
	 * @return the name, not blank
	 */
	public String name() {
		return (this.displayName != null) ? this.displayName : this.id;
	}

	/**
	 * Checks that labels can name a classifier's outputs: at least one, identifiers
	 * distinct, and names distinct, so that every answer names one label.
	 * @param labels the labels, in output order
	 * @return the labels, as an immutable list
	 * @throws IllegalArgumentException if an identifier or a name repeats, or there are
	 * none
	 */
	public static List<Label> distinct(List<Label> labels) {
		if (labels.isEmpty()) {
			throw new IllegalArgumentException("At least one label is needed");
		}
		Set<String> ids = new HashSet<>();
		Set<String> names = new HashSet<>();
		for (Label label : labels) {
			if (!ids.add(label.id())) {
				throw new IllegalArgumentException("Label '" + label.id() + "' is given twice in " + labels);
			}
			if (!names.add(label.name())) {
				throw new IllegalArgumentException(
						"Two labels of " + labels + " are shown as '" + label.name() + "': names must be distinct");
			}
		}
		return List.copyOf(labels);
	}

	/**
	 * Merges the labels of two tiers that answer the same classes: identifiers must be
	 * the same in the same order; each label takes the display name either gives, and
	 * both may give one only if it is the same.
	 * @param first the labels of one tier
	 * @param second the labels of another tier
	 * @return the merged labels
	 * @throws IllegalArgumentException if the identifiers differ, or two display names of
	 * a label differ
	 */
	public static List<Label> merge(List<Label> first, List<Label> second) {
		if (!ids(first).equals(ids(second))) {
			throw new IllegalArgumentException("labels " + ids(first) + " and " + ids(second) + " differ");
		}
		List<Label> merged = new ArrayList<>(first.size());
		for (int i = 0; i < first.size(); i++) {
			Label a = first.get(i);
			Label b = second.get(i);
			if (a.displayName() != null && b.displayName() != null && !a.displayName().equals(b.displayName())) {
				throw new IllegalArgumentException("label '" + a.id() + "' is shown as '" + a.displayName()
						+ "' and as '" + b.displayName() + "'");
			}
			merged.add((a.displayName() != null) ? a : b);
		}
		return distinct(merged);
	}

	@Override
	public String toString() {
		return (this.displayName != null) ? this.id + " (" + this.displayName + ")" : this.id;
	}

}
