package dev.tango.bench.load;

import java.io.IOException;
import java.util.List;

import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.Stages;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;

/**
 * Measures the offline engine in this process: the synchronous {@link Cascade} over the
 * texts at one batch size, and each of its two tiers alone; the best of a few repeats.
 */
final class OfflineRunner {

	private OfflineRunner() {
	}

	/**
	 * Runs the measurement.
	 * @param file a two-tier cascade
	 * @param source resolves its artifacts
	 * @param texts the texts
	 * @param batchSize every tier's batch size
	 * @param repeats runs of each variant after one warm-up run
	 * @return the figures
	 * @throws IOException if the tiers cannot be opened
	 */
	static OfflineReference measure(CascadeFile file, ArtifactSource source, List<String> texts, int batchSize,
			int repeats) throws IOException {
		List<TextInput> inputs = texts.stream().map(TextInput::of).toList();
		try (LoadedCascade loaded = file.open(source, (tier) -> CascadeFile.withBatchSize(tier, batchSize))) {
			List<Stage> stages = Stages.of(loaded);
			if (stages.size() != 2) {
				throw new IllegalArgumentException("The reference needs a two-tier cascade, not " + stages.size());
			}
			Cascade cascade = new Cascade(stages);
			Cascade first = new Cascade(List.of(stages.get(0)));
			Cascade last = new Cascade(List.of(stages.get(1)));
			double escalation = (double) cascade.classify(inputs, false).tiers().get(1).inputs() / inputs.size();
			first.classify(inputs, false);
			last.classify(inputs, false);
			double bestCascade = 0;
			double bestFirst = 0;
			double bestLast = 0;
			for (int r = 0; r < repeats; r++) {
				bestCascade = Math.max(bestCascade, perSecond(cascade, inputs));
				bestFirst = Math.max(bestFirst, perSecond(first, inputs));
				bestLast = Math.max(bestLast, perSecond(last, inputs));
			}
			return new OfflineReference(bestCascade, bestFirst, bestLast, escalation);
		}
	}

	private static double perSecond(Cascade cascade, List<TextInput> inputs) {
		long start = System.nanoTime();
		CascadeResult result = cascade.classify(inputs, false);
		long nanos = System.nanoTime() - start;
		if (result.predictions().size() != inputs.size()) {
			throw new IllegalStateException(
					"The cascade answered " + result.predictions().size() + " of " + inputs.size() + " inputs");
		}
		return inputs.size() / (nanos / 1e9);
	}

}
