package dev.tango.bench.fit;

import java.util.List;

import dev.tango.train.fit.FitSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The option of the commands that fit a head by choosing its L2 strength on held-out
 * rows: {@code --l2-grid}, the strengths to try.
 */
public final class L2GridOption {

	@Option(names = "--l2-grid", split = ",", description = "L2 strengths to try (default 1e-2 … 1e-8, half-decades)")
	@Nullable List<Double> l2Grid;

	/**
	 * Returns the fitting settings: the defaults with a seed, the command line to record
	 * and, when given, the L2 grid.
	 * @param seed the seed of the split that chooses L2
	 * @param command the command line to record
	 * @return the settings
	 */
	public FitSettings settings(long seed, String command) {
		FitSettings settings = FitSettings.defaults().withSeed(seed).withCommand(command);
		return (this.l2Grid != null) ? settings.withL2Grid(this.l2Grid) : settings;
	}

}
