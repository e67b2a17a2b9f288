package dev.tango.train.distil;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.tango.runtime.head.HeadFile;
import dev.tango.train.fit.FitResult;

/**
 * The outcome of distilling a head.
 *
 * @param head the head file, fitted on all rows with the chosen strength; its provenance
 * records the distillation
 * @param l2 the chosen L2 strength
 * @param heldOutAccuracy the held-out fit's accuracy on the held-out labelled rows
 * @param heldOutAgreement the share of held-out rows on which the held-out fit predicts
 * the teacher's label
 * @param teacherHeldOutAccuracy the teacher's accuracy on the held-out rows
 * @param grid every strength tried, in the order tried (held-out loss against the
 * distillation targets)
 * @param rows the rows trained on: labelled plus unlabelled
 * @param teacherTime the wall time spent scoring with the teacher
 * @param fitTime the wall time spent computing features and fitting
 */
public record DistilResult(HeadFile head, double l2, double heldOutAccuracy, double heldOutAgreement,
		double teacherHeldOutAccuracy, List<FitResult.GridPoint> grid, int rows, Duration teacherTime,
		Duration fitTime) {

	public DistilResult {
		Objects.requireNonNull(head, "head");
		grid = List.copyOf(grid);
		Objects.requireNonNull(teacherTime, "teacherTime");
		Objects.requireNonNull(fitTime, "fitTime");
	}

}
