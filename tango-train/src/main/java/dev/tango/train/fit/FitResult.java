package dev.tango.train.fit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.tango.runtime.head.HeadFile;

/**
 * The outcome of fitting a head.
 *
 * @param head the head file, fitted on all rows with the chosen strength
 * @param l2 the chosen L2 strength
 * @param heldOutAccuracy the held-out accuracy with the chosen strength
 * @param heldOutLogLoss the held-out mean log-loss with the chosen strength
 * @param grid every strength tried, in the order tried
 * @param featureTime the time spent computing features (embedding, or reading the cache)
 * @param fitTime the time spent fitting
 */
public record FitResult(HeadFile head, double l2, double heldOutAccuracy, double heldOutLogLoss, List<GridPoint> grid,
		Duration featureTime, Duration fitTime) {

	public FitResult {
		Objects.requireNonNull(head, "head");
		grid = List.copyOf(grid);
	}

	/**
	 * One L2 strength tried.
	 *
	 * @param l2 the strength
	 * @param heldOutAccuracy the held-out accuracy of the model fitted on the other rows
	 * @param heldOutLogLoss its held-out mean loss against the targets: the log-loss for
	 * plain labels, the distillation loss for a teacher's (see {@link Targets})
	 * @param iterations the optimiser's iterations
	 * @param converged whether the optimiser reached its tolerance
	 */
	public record GridPoint(double l2, double heldOutAccuracy, double heldOutLogLoss, int iterations,
			boolean converged) {

	}

}
