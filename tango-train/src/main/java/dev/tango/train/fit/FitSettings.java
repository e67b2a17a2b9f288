package dev.tango.train.fit;

import java.util.List;
import java.util.Objects;

import dev.tango.runtime.onnx.OrtOptions;
import org.jspecify.annotations.Nullable;

/**
 * How a head is fitted.
 *
 * @param seed the seed of the held-out split
 * @param heldOutFraction the share of each label's rows held out to choose the L2
 * strength, in {@code (0, 1)}
 * @param l2Grid the L2 strengths to try, at least one, each {@code ≥ 0}
 * @param batchSize the batch size for encoding, at least 1
 * @param threads how many batches to encode at once, at least 1
 * @param ortOptions the ONNX Runtime settings of the encoder
 * @param optimizer the optimiser settings
 * @param command the command line or call to record in the head's provenance, or
 * {@code null}
 */
public record FitSettings(long seed, double heldOutFraction, List<Double> l2Grid, int batchSize, int threads,
		OrtOptions ortOptions, SoftmaxRegression.Options optimizer, @Nullable String command) {

	/**
	 * The default grid: 13 strengths, half-decades from {@code 1e-2} down to
	 * {@code 1e-8}. It reaches below {@code 1e-6}, where it used to stop, because most
	 * heads fitted on that grid chose its weakest strength.
	 */
	public static final List<Double> DEFAULT_L2_GRID = List.of(1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6, 1e-6,
			3e-7, 1e-7, 3e-8, 1e-8);

	public FitSettings {
		l2Grid = List.copyOf(l2Grid);
		Objects.requireNonNull(ortOptions, "ortOptions");
		Objects.requireNonNull(optimizer, "optimizer");
		if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
			throw new IllegalArgumentException("heldOutFraction must lie in (0, 1), was " + heldOutFraction);
		}
		if (l2Grid.isEmpty() || l2Grid.stream().anyMatch((l2) -> !(l2 >= 0) || l2.isInfinite())) {
			throw new IllegalArgumentException(
					"l2Grid needs at least one strength, each non-negative and finite: " + l2Grid);
		}
		if (batchSize < 1 || threads < 1) {
			throw new IllegalArgumentException("batchSize and threads must be at least 1");
		}
	}

	/**
	 * Returns the defaults: seed 42, 10% held out, {@link #DEFAULT_L2_GRID}, batches of
	 * 32 encoded on as many threads as there are processors (one intra-op thread each),
	 * the default optimiser, no command.
	 * @return the defaults
	 */
	public static FitSettings defaults() {
		int processors = Runtime.getRuntime().availableProcessors();
		return new FitSettings(42, 0.1, DEFAULT_L2_GRID, 32, processors, OrtOptions.defaults(),
				SoftmaxRegression.Options.defaults(), null);
	}

	/**
	 * Returns a copy with another seed.
	 * @param value the seed
	 * @return the copy
	 */
	public FitSettings withSeed(long value) {
		return new FitSettings(value, this.heldOutFraction, this.l2Grid, this.batchSize, this.threads, this.ortOptions,
				this.optimizer, this.command);
	}

	/**
	 * Returns a copy with another grid.
	 * @param grid the L2 strengths
	 * @return the copy
	 */
	public FitSettings withL2Grid(List<Double> grid) {
		return new FitSettings(this.seed, this.heldOutFraction, grid, this.batchSize, this.threads, this.ortOptions,
				this.optimizer, this.command);
	}

	/**
	 * Returns a copy with another command to record.
	 * @param value the command
	 * @return the copy
	 */
	public FitSettings withCommand(@Nullable String value) {
		return new FitSettings(this.seed, this.heldOutFraction, this.l2Grid, this.batchSize, this.threads,
				this.ortOptions, this.optimizer, value);
	}

}
