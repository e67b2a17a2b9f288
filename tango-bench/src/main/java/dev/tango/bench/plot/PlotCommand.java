package dev.tango.bench.plot;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.tango.bench.calibrate.CurveFile;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.plot.CurvePlot;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plot}: an SVG of a two-tier cascade's accuracy and share of inputs escalated
 * against its threshold, the chosen threshold marked with its estimated speedup; drawn as
 * the admin page draws a recorded calibration.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
		description = "Plots a two-tier threshold curve (from calibrate) as SVG: accuracy and share of inputs "
				+ "escalated against the threshold, the chosen threshold marked with its estimated speedup.")
public final class PlotCommand implements Callable<Integer> {

	@Option(names = "--curve", required = true, description = "the curve file written by calibrate")
	Path curve;

	@Option(names = "--out", required = true, description = "the SVG file to write")
	Path out;

	@Option(names = "--title", description = "the plot's title (default: the curve file's name)")
	@Nullable String title;

	@Override
	public Integer call() throws Exception {
		TextFiles.requireNotAnInput("--out", this.out, this.curve);
		String svg = CurvePlot.svg(CurveFile.curve(CurveFile.read(this.curve)),
				(this.title != null) ? this.title : this.curve.getFileName().toString());
		TextFiles.write(this.out, svg);
		System.out.printf("Wrote %s (%,d bytes)%n", this.out, svg.length());
		return 0;
	}

}
