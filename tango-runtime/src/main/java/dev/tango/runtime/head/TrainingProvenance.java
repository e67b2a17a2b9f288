package dev.tango.runtime.head;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a head was fitted, so that it can be reproduced and judged.
 *
 * @param dataset the training data set's name, such as {@code sst2/train.tsv}
 * @param datasetSha256 the SHA-256 of the data set (of the file, or of the rows for a
 * subset)
 * @param rows the number of training rows
 * @param heldOutRows the rows held out to choose the L2 strength
 * @param seed the seed of the held-out split
 * @param l2 the chosen L2 strength
 * @param l2Grid the strengths tried
 * @param heldOutAccuracy the accuracy on the held-out rows of the model fitted on the
 * other rows with the chosen strength, in {@code [0, 1]}
 * @param heldOutLogLoss the mean negative log-likelihood on the held-out rows
 * @param optimizer a description of the optimiser and its stopping rule
 * @param command the command line or call that fitted the head, or {@code null}
 * @param timestamp when the head was fitted
 * @param libraries versions of the libraries involved (Java, DJL, ONNX Runtime, Tango)
 * @param distillation how the head was distilled from a teacher, or {@code null} if it
 * was fitted on the labels alone
 */
public record TrainingProvenance(String dataset, String datasetSha256, int rows, int heldOutRows, long seed, double l2,
		List<Double> l2Grid, double heldOutAccuracy, double heldOutLogLoss, String optimizer, @Nullable String command,
		Instant timestamp, Map<String, String> libraries, @Nullable Distillation distillation) {

	public TrainingProvenance {
		Objects.requireNonNull(dataset, "dataset");
		Objects.requireNonNull(datasetSha256, "datasetSha256");
		Objects.requireNonNull(optimizer, "optimizer");
		Objects.requireNonNull(timestamp, "timestamp");
		l2Grid = List.copyOf(l2Grid);
		libraries = Map.copyOf(libraries);
	}

	/**
	 * Returns the provenance of a head fitted on the labels alone.
	 * @param dataset the training data set's name
	 * @param datasetSha256 its SHA-256
	 * @param rows the number of training rows
	 * @param heldOutRows the rows held out to choose the L2 strength
	 * @param seed the seed of the held-out split
	 * @param l2 the chosen L2 strength
	 * @param l2Grid the strengths tried
	 * @param heldOutAccuracy the held-out accuracy
	 * @param heldOutLogLoss the held-out mean negative log-likelihood
	 * @param optimizer the optimiser and its stopping rule
	 * @param command the command line or call, or {@code null}
	 * @param timestamp when the head was fitted
	 * @param libraries versions of the libraries involved
	 */
	public TrainingProvenance(String dataset, String datasetSha256, int rows, int heldOutRows, long seed, double l2,
			List<Double> l2Grid, double heldOutAccuracy, double heldOutLogLoss, String optimizer,
			@Nullable String command, Instant timestamp, Map<String, String> libraries) {
		this(dataset, datasetSha256, rows, heldOutRows, seed, l2, l2Grid, heldOutAccuracy, heldOutLogLoss, optimizer,
				command, timestamp, libraries, null);
	}

}
