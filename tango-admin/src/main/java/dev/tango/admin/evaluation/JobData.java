package dev.tango.admin.evaluation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.CascadeVersion;

/**
 * Reads what an evaluation or calibration works on: the cascade version, and the rows of
 * a data set (or of one of its splits) as that version's labelled inputs; checks that
 * both exist when such a job is submitted.
 */
@Component
public class JobData {

	private final CascadeTargets targets;

	private final Datasets datasets;

	public JobData(CascadeTargets targets, Datasets datasets) {
		this.targets = targets;
		this.datasets = datasets;
	}

	/**
	 * Checks what a job is to work on before it is queued, without reading the rows: the
	 * cascade version exists, and so does the data set, with the split named, rows of
	 * labels the version knows only, and enough of them.
	 * @param cascade the cascade's name
	 * @param version the version, or {@code null} for the active (else latest) one
	 * @param datasetId the data set, or {@code null} if the job names none
	 * @param split only the rows of this split, or {@code null} for every row
	 * @param minimumRows the fewest rows the job can work with
	 * @param minimumLabels the fewest labels the rows must carry
	 * @param purpose what the rows are for, in the refusal
	 * @return the cascade version, and the rows' label counts
	 * @throws dev.tango.models.registry.RegistryNotFoundException if there is no such
	 * cascade or version
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if there is no such data
	 * set
	 * @throws IllegalArgumentException if the data set has no such split, a label the
	 * version does not know, too few rows or too few labels
	 */
	public Checked require(String cascade, @Nullable Integer version, @Nullable Long datasetId, @Nullable String split,
			int minimumRows, int minimumLabels, String purpose) {
		CascadeVersion target = this.targets.find(cascade, version);
		if (datasetId == null) {
			return new Checked(target, List.of(), null);
		}
		Dataset dataset = this.datasets.require(datasetId);
		List<Dataset.LabelCount> counts = this.datasets.labelCounts(dataset, split);
		List<String> known = Label.ids(target.labels());
		List<String> unknown = counts.stream()
			.map(Dataset.LabelCount::label)
			.filter((label) -> !known.contains(label))
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("The data set " + dataset.describe(split)
					+ " has labels the cascade does not know: " + unknown + "; its labels are " + known);
		}
		int rows = counts.stream().mapToInt(Dataset.LabelCount::rows).sum();
		if (rows < minimumRows) {
			throw new IllegalArgumentException("The data set " + dataset.describe(split) + " has " + rows + " rows: "
					+ purpose + " needs at least " + minimumRows);
		}
		if (counts.size() < minimumLabels) {
			throw new IllegalArgumentException("The rows of the data set " + dataset.describe(split) + " carry "
					+ counts.size() + " label" + ((counts.size() == 1) ? "" : "s") + ": " + purpose + " needs "
					+ minimumLabels + " at least");
		}
		return new Checked(target, counts, dataset.describe(split));
	}

	/**
	 * Reads a cascade version and a data set.
	 * @param cascade the cascade's name
	 * @param version the version, or {@code null} for the active (else latest) one
	 * @param datasetId the data set
	 * @param split only the rows of this split, or {@code null} for every row
	 * @param minimumRows the fewest rows the job can work with
	 * @param purpose what the rows are for, in the failure message
	 * @return the version, the data set and its rows as labelled inputs
	 * @throws JobFailedException if a label is unknown to the cascade or there are too
	 * few rows
	 */
	public Loaded load(String cascade, @Nullable Integer version, long datasetId, @Nullable String split,
			int minimumRows, String purpose) {
		CascadeVersion target = this.targets.find(cascade, version);
		Dataset dataset = this.datasets.require(datasetId);
		LabelledInputs inputs = LabelledInputs.of(this.datasets.allRows(dataset.id(), split),
				Label.ids(target.labels()));
		String name = dataset.describe(split);
		if (inputs.size() < minimumRows) {
			throw new JobFailedException("The data set " + name + " has " + inputs.size() + " rows: " + purpose
					+ " needs at least " + minimumRows);
		}
		return new Loaded(target, dataset, inputs, name);
	}

	/**
	 * What a job is to work on, as checked before it is queued.
	 *
	 * @param version the cascade version
	 * @param counts the labels of the rows with their counts, in the data set's order;
	 * empty if the job names no data set
	 * @param description the data set (and split) for messages, or {@code null} if the
	 * job names none
	 */
	public record Checked(CascadeVersion version, List<Dataset.LabelCount> counts, @Nullable String description) {

	}

	/**
	 * What a job works on.
	 *
	 * @param version the cascade version
	 * @param dataset the data set
	 * @param inputs its rows as the version's labelled inputs
	 * @param description the data set (and split) for messages
	 */
	public record Loaded(CascadeVersion version, Dataset dataset, LabelledInputs inputs, String description) {

	}

}
