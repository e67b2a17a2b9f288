package dev.tango.bench.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

	@Option(names = "--holdout", defaultValue = "0",
			description = "share of each label to set aside before fitting, never fitted on (default none)")
	double holdout;

	@Option(names = "--holdout-out", description = "where to write the rows set aside by --holdout (TSV)")
	@Nullable Path holdoutOut;

	@Mixin
	L2GridOption l2Grid;

	/**
	 * Reads the training file and sets aside the held-out share, writing it when asked.
	 * @return the rows to fit on
	 * @throws IOException if a file cannot be read or written
	 */
	LabelledDataset fitData() throws IOException {
		TextFiles.requireNotAnInput("--out", this.out, this.train.file());
		TextFiles.requireNotAnInput("--holdout-out", this.holdoutOut, this.train.file());
		LabelledDataset data = this.train.read();
		if (this.holdout == 0) {
			if (this.holdoutOut != null) {
				throw new IllegalArgumentException("--holdout-out needs --holdout");
			}
			return data;
		}
		DatasetSplit split = DatasetSplit.of(data, this.holdout, this.seed);
		if (this.holdoutOut != null) {
			TsvWriter.write(split.holdout(), this.holdoutOut);
			System.out.printf("Set aside %d of %d rows, written to %s%n", split.holdout().size(), data.size(),
					this.holdoutOut);
		}
		return split.fit();
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
	 * Writes a fitted head to {@code --out} and prints where, a summary of the fit and
	 * the file's size on standard output.
	 * @param result the fit
	 * @param data the rows it was fitted on
	 * @throws IOException if the file cannot be written
	 */
	void write(FitResult result, LabelledDataset data) throws IOException {
		HeadFiles.write(result.head(), this.out);
		System.out.printf("%s: %s; %,d bytes%n", this.out, FitSummary.of(result, data).sentence(),
				Files.size(this.out));
	}

}
