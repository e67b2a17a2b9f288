package dev.tango.bench.data;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.tango.bench.Setting;
import dev.tango.bench.report.TextFiles;
import dev.tango.runtime.data.LabelledDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code split}: a stratified, seeded split of a labelled file into {@code fit.tsv} and
 * {@code holdout.tsv}.
 */
@Command(name = "split", mixinStandardHelpOptions = true,
		description = "Splits a labelled file, stratified by label and seeded, into fit.tsv and holdout.tsv.")
public final class SplitCommand implements Callable<Integer> {

	@Option(names = "--data", required = true, description = "the labelled TSV or CSV file")
	Path data;

	@Setting("heldOutFraction")
	@Option(names = "--holdout", defaultValue = "0.1",
			description = "share of each label held out (default ${DEFAULT-VALUE})")
	double holdout;

	@Option(names = "--seed", defaultValue = "42", description = "seed of the split (default ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--out-dir", required = true, description = "where to write fit.tsv and holdout.tsv")
	Path outDir;

	@Override
	public Integer call() throws Exception {
		Path fit = this.outDir.resolve("fit.tsv");
		Path holdoutFile = this.outDir.resolve("holdout.tsv");
		TextFiles.requireNotAnInput("--out-dir", fit, this.data);
		TextFiles.requireNotAnInput("--out-dir", holdoutFile, this.data);
		LabelledDataset dataset = LabelledDataset.read(this.data);
		DatasetSplit split = DatasetSplit.of(dataset, this.holdout, this.seed);
		TsvWriter.write(split.fit(), fit);
		TsvWriter.write(split.holdout(), holdoutFile);
		System.out.printf("%s (%d rows, %d labels, sha256 %s): %d rows to %s, %d rows to %s (seed %d)%n", this.data,
				dataset.size(), dataset.labels().size(), dataset.sha256(), split.fit().size(), fit,
				split.holdout().size(), holdoutFile, this.seed);
		return 0;
	}

}
