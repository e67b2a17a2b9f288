package dev.tango.bench.fit;

import java.nio.file.Path;
import java.util.Locale;

import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.fit.FitResult;

/**
 * Prints what a fit gave.
 */
final class FitReport {

	private FitReport() {
	}

	static void print(FitResult result, LabelledDataset data, Path file, long bytes) {
		System.out.printf(Locale.ROOT,
				"%s: %s head on %s (%d rows, %d labels, sha256 %s): L2 %s, held-out accuracy %.4f, log-loss %.4f "
						+ "(%d rows held out); features %.1f s, fit %.1f s; %,d bytes%n",
				file, result.head().kind().id(), data.name(), data.size(), data.labels().size(), data.sha256(),
				result.l2(), result.heldOutAccuracy(), result.heldOutLogLoss(), result.head().training().heldOutRows(),
				result.featureTime().toMillis() / 1e3, result.fitTime().toMillis() / 1e3, bytes);
	}

}
