package dev.tango.bench.fit;

import java.util.concurrent.Callable;

import dev.tango.bench.Invocation;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.fit.FitResult;
import dev.tango.train.fit.HeadFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fit-lexical}: fits a linear head on hashed word n-grams ({@link HeadFitter}) and
 * writes the head file, recording this command line.
 */
@Command(name = "fit-lexical", mixinStandardHelpOptions = true,
		description = "Fits a lexical head on hashed word unigrams and bigrams and writes the head file.")
public final class FitLexicalCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	FitOptions options;

	@Mixin
	LexicalOptions lexical;

	@Override
	public Integer call() throws Exception {
		LabelledDataset data = this.options.fitData();
		FitResult result = HeadFitter.withDefaults()
			.fitLexicalHead(data, this.lexical.spec(), this.options.settings(Invocation.of(this.spec)));
		this.options.write(result, data);
		return 0;
	}

}
