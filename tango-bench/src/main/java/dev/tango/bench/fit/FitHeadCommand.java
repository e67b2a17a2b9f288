package dev.tango.bench.fit;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.tango.bench.Invocation;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitResult;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fit-head}: fits a linear head on the embeddings of a bundled encoder
 * ({@link HeadFitter}) and writes the head file, recording this command line.
 */
@Command(name = "fit-head", mixinStandardHelpOptions = true,
		description = "Fits a linear head on a bundled encoder's embeddings and writes the head file.")
public final class FitHeadCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--encoder", required = true, description = "the bundled encoder: ${COMPLETION-CANDIDATES}",
			completionCandidates = EncoderIds.class)
	String encoder;

	@Mixin
	FitOptions options;

	@Override
	public Integer call() throws Exception {
		BundledEncoder bundled = BundledEncoder.byId(this.encoder)
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown encoder '" + this.encoder + "': use one of " + String.join(", ", new EncoderIds())));
		LabelledDataset data = this.options.fitData();
		FitSettings settings = this.options.settings(Invocation.of(this.spec));
		DefaultArtifactSource source = DefaultArtifactSource.create();
		HeadFitter fitter = new HeadFitter(source, new EmbeddingCache(source.cache().directory()));
		FitResult result;
		try (SentenceEncoder opened = SentenceEncoder.open(bundled, source, settings.ortOptions())) {
			result = fitter.fitEncoderHead(data, opened, settings);
		}
		this.options.write(result, data);
		return 0;
	}

	/** The ids of the bundled encoders. */
	static final class EncoderIds implements Iterable<String> {

		@Override
		public java.util.Iterator<String> iterator() {
			return Arrays.stream(BundledEncoder.values())
				.map(BundledEncoder::id)
				.collect(Collectors.toList())
				.iterator();
		}

	}

}
