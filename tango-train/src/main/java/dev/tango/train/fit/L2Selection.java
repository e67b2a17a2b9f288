package dev.tango.train.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choice of an L2 strength on held-out rows, and the model refitted on all rows with
 * it: how every head is fitted.
 *
 * <p>
 * A model is fitted on the training rows for each strength of the grid, from the
 * strongest to the weakest, each starting from the previous solution; the strength with
 * the lowest held-out loss against the targets wins (ties: the stronger), loss rather
 * than accuracy because the head's probabilities drive confidence gating and the loss
 * judges them; the final model is refitted on all rows with that strength, starting from
 * the held-out fit. Deterministic.
 *
 * @param model the final model, fitted on all rows with the chosen strength
 * @param heldOutModel the model fitted on the training rows only with the chosen strength
 * @param chosen the chosen strength and its held-out figures
 * @param grid every strength tried, in the order tried
 */
public record L2Selection(SoftmaxRegression.Model model, SoftmaxRegression.Model heldOutModel,
		FitResult.GridPoint chosen, List<FitResult.GridPoint> grid) {

	private static final Logger logger = LoggerFactory.getLogger(L2Selection.class);

	public L2Selection {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(heldOutModel, "heldOutModel");
		Objects.requireNonNull(chosen, "chosen");
		grid = List.copyOf(grid);
	}

	/**
	 * Chooses the strength and refits.
	 * @param rows all feature rows
	 * @param targets their targets; every held-out row has a label, on which the held-out
	 * accuracy is measured
	 * @param split which rows are held out
	 * @param strengths the L2 strengths to try, at least one
	 * @param optimizer the optimiser settings
	 * @param progress told of each fit done, phase {@value FitProgress#FITTING}: one per
	 * strength, then the refit
	 * @return the selection
	 */
	public static L2Selection choose(FeatureRows rows, Targets targets, HeldOutSplit split, List<Double> strengths,
			SoftmaxRegression.Options optimizer, FitProgress progress) {
		if (split.heldOut().length == 0) {
			throw new IllegalArgumentException("No rows are held out");
		}
		FeatureRows train = select(rows, split.train());
		FeatureRows heldOut = select(rows, split.heldOut());
		Targets trainTargets = targets.select(split.train());
		Targets heldOutTargets = targets.select(split.heldOut());
		int[] heldOutLabels = heldOutTargets.labels();
		List<Double> order = strengths.stream().sorted(Comparator.reverseOrder()).toList();
		List<FitResult.GridPoint> points = new ArrayList<>();
		SoftmaxRegression.Model previous = null;
		SoftmaxRegression.Model best = null;
		FitResult.GridPoint bestPoint = null;
		for (double l2 : order) {
			SoftmaxRegression.Model model = SoftmaxRegression.fit(train, trainTargets, l2, previous, optimizer);
			double loss = SoftmaxRegression.loss(model, heldOut, heldOutTargets);
			double accuracy = SoftmaxRegression.evaluate(model, heldOut, heldOutLabels).accuracy();
			FitResult.GridPoint point = new FitResult.GridPoint(l2, accuracy, loss, model.iterations(),
					model.converged());
			logger.debug("l2 {}: held-out accuracy {}, loss {}, {} iterations", l2, accuracy, loss, model.iterations());
			points.add(point);
			if (bestPoint == null || point.heldOutLogLoss() < bestPoint.heldOutLogLoss()) {
				best = model;
				bestPoint = point;
			}
			previous = model;
			progress.report(FitProgress.FITTING, points.size(), order.size() + 1);
		}
		if (best == null || bestPoint == null) {
			throw new IllegalArgumentException("No L2 strength to try");
		}
		SoftmaxRegression.Model finalModel = SoftmaxRegression.fit(rows, targets, bestPoint.l2(), best, optimizer);
		progress.report(FitProgress.FITTING, order.size() + 1, order.size() + 1);
		return new L2Selection(finalModel, best, bestPoint, points);
	}

	/**
	 * Returns some rows.
	 * @param rows the rows
	 * @param positions row indices
	 * @return those rows, in that order
	 */
	static FeatureRows select(FeatureRows rows, int[] positions) {
		if (rows instanceof DenseRows dense) {
			return dense.select(positions);
		}
		if (rows instanceof SparseRows sparse) {
			return sparse.select(positions);
		}
		throw new IllegalArgumentException("Unsupported rows " + rows.getClass());
	}

}
