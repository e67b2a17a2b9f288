package dev.tango.bench.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tango.bench.Setting;
import dev.tango.bench.data.DatasetSplit;
import dev.tango.bench.data.TrainingFileOption;
import dev.tango.bench.data.TsvWriter;
import dev.tango.bench.report.TextFiles;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.fit.FitResult;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.FitSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that every fitting command shares: the training file, the optional held-out
 * share set aside before fitting, seeds, the L2 grid and the head file written.
 */
public final class FitOptions {

	@Mixin
	TrainingFileOption train;

	@Option(names = "--out", required = true, description = "the head file to write")
	Path out;

	@Option(names = "--seed", defaultValue = "42",
			description = "seed of the split that chooses L2 and of --holdout (default ${DEFAULT-VALUE})")
	long seed;

	@Setting("heldOutFraction")
	@Option(names = "--holdout", defaultValue = "0",
			description = "share of each label to set aside before fitting, never fitted on (default none)")
	double holdout;

	@Option(names = "--holdout-out", description = "where to write the rows set aside by --holdout (TSV)")
	@Nullable Path holdoutOut;

	@Mixin
	L2GridOption l2Grid;

	private @Nullable DatasetSplit split;

	/**
	 * Reads the training file and sets aside the held-out share, which {@link #write}
	 * writes once the head is fitted.
	 * @return the rows to fit on
	 * @throws IOException if a file cannot be read
	 */
	LabelledDataset fitData() throws IOException {
		if (this.holdout == 0 && this.holdoutOut != null) {
			throw new IllegalArgumentException("--holdout-out needs --holdout");
		}
		Map<String, @Nullable Path> outputs = new LinkedHashMap<>();
		outputs.put("--out", this.out);
		outputs.put("--holdout-out", this.holdoutOut);
		TextFiles.checkOutputs(outputs, List.of(this.train.file()));
		LabelledDataset data = this.train.read();
		if (this.holdout == 0) {
			return data;
		}
		this.split = DatasetSplit.of(data, this.holdout, this.seed);
		return this.split.fit();
	}

	/**
	 * Returns the fitting settings.
	 * @param command the command line to record
	 * @return the settings
	 */
	FitSettings settings(String command) {
		return this.l2Grid.settings(this.seed, command);
	}

	/**
	 * Writes the rows set aside to {@code --holdout-out}, when asked, and a fitted head
	 * to {@code --out}, and prints where, a summary of the fit and the file's size on
	 * standard output.
	 * @param result the fit
	 * @param data the rows it was fitted on
	 * @throws IOException if the file cannot be written
	 */
	void write(FitResult result, LabelledDataset data) throws IOException {
		DatasetSplit setAside = this.split;
		Path setAsideOut = this.holdoutOut;
		if (setAside != null && setAsideOut != null) {
			TsvWriter.write(setAside.holdout(), setAsideOut);
			System.out.printf("Set aside %d of %d rows, written to %s%n", setAside.holdout().size(),
					setAside.holdout().size() + data.size(), setAsideOut);
		}
		HeadFiles.write(result.head(), this.out);
		System.out.printf("%s: %s; %,d bytes%n", this.out, FitSummary.of(result, data).sentence(),
				Files.size(this.out));
	}

}
