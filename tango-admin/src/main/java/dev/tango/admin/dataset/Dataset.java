package dev.tango.admin.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.tango.runtime.data.DatasetFormat;

/**
 * A stored labelled data set.
 *
 * @param id its identifier
 * @param name its unique name
 * @param format the format it was uploaded in
 * @param sha256 the sha256 of the uploaded bytes
 * @param sizeBytes the size of the upload
 * @param rowCount the number of rows
 * @param labels the labels in order, with their row counts
 * @param hasPairs whether some row has a second text
 * @param hasSplits whether some row names a split
 * @param createdAt when it was uploaded
 * @param createdBy who uploaded it
 */
public record Dataset(long id, String name, DatasetFormat format, String sha256, long sizeBytes, int rowCount,
		List<LabelCount> labels, boolean hasPairs, boolean hasSplits, Instant createdAt, String createdBy) {

	public Dataset {
		labels = List.copyOf(labels);
	}

	/**
	 * Returns this data set with its labels.
	 * @param labels the labels in order, with their row counts
	 * @return the data set
	 */
	Dataset withLabels(List<LabelCount> labels) {
		return new Dataset(this.id, this.name, this.format, this.sha256, this.sizeBytes, this.rowCount, labels,
				this.hasPairs, this.hasSplits, this.createdAt, this.createdBy);
	}

	/**
	 * Returns the labels in order.
	 * @return the label names
	 */
	public List<String> labelNames() {
		return this.labels.stream().map(LabelCount::label).toList();
	}

	/**
	 * Names the data set, or one of its splits, in messages: {@code 'name'} or
	 * {@code 'name' (split 'dev')}.
	 * @param split the split, or {@code null} for every row
	 * @return the description
	 */
	public String describe(@Nullable String split) {
		return "'" + this.name + "'" + ((split != null) ? " (split '" + split + "')" : "");
	}

	/**
	 * Returns the name of the labelled rows a job reads from the data set, or from one of
	 * its splits ({@link Datasets#labelled}): {@code name} or {@code name#dev}.
	 * @param split the split, or {@code null} for every row
	 * @return the name
	 */
	public String labelledName(@Nullable String split) {
		return this.name + ((split != null) ? "#" + split : "");
	}

	/**
	 * A label and how many rows carry it.
	 *
	 * @param label the label
	 * @param rows the number of rows
	 */
	public record LabelCount(String label, int rows) {

		/** The most labels {@link #listed} names. */
		public static final int LISTED = 20;

		/**
		 * Lists labels with their counts for a message, the first {@value #LISTED} of
		 * them and how many more, so that a data set of thousands of labels does not make
		 * a message of tens of kilobytes: {@code [neg 12, pos 30]}, or
		 * {@code [a 1, b 1, … and 2980 more]}.
		 * @param counts the labels with their counts
		 * @return the list as text
		 */
		public static String listed(List<LabelCount> counts) {
			List<String> named = counts.stream()
				.limit(LISTED)
				.map((count) -> count.label() + " " + count.rows())
				.collect(Collectors.toCollection(ArrayList::new));
			if (counts.size() > LISTED) {
				named.add("… and " + (counts.size() - LISTED) + " more");
			}
			return named.toString();
		}

	}

}
