package dev.tango.bench.load;

import java.io.IOException;
import java.util.List;

import dev.tango.bench.cascade.CascadeFile;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;
import org.jspecify.annotations.Nullable;

/**
 * Measures the offline engine in this process: the synchronous {@link Cascade} over the
 * texts at one batch size, and each of its two tiers alone. Each {@link #measure()} is
 * one pass of each; the reference keeps the best of all passes, so that passes can be
 * interleaved with the served windows. Owns the tiers it opens.
 */
final class OfflineRunner implements AutoCloseable {

	private final LoadedCascade loaded;

	private final List<TextInput> inputs;

	private final Cascade cascade;

	private final Cascade first;

	private final Cascade last;

	private final double escalation;

	private @Nullable OfflineReference best;

	private OfflineRunner(LoadedCascade loaded, List<TextInput> inputs) {
		this.loaded = loaded;
		this.inputs = inputs;
		List<Stage> stages = loaded.stages();
		if (stages.size() != 2) {
			throw new IllegalArgumentException("The reference needs a two-tier cascade, not " + stages.size());
		}
		this.cascade = new Cascade(stages);
		this.first = new Cascade(List.of(stages.get(0)));
		this.last = new Cascade(List.of(stages.get(1)));
		this.escalation = (double) this.cascade.classify(inputs, false).tiers().get(1).inputs() / inputs.size();
		// One warm-up pass of each tier alone; the cascade's was the escalation pass.
		this.first.classify(inputs, false);
		this.last.classify(inputs, false);
	}

	/**
	 * Opens the cascade's tiers and runs one warm-up pass.
	 * @param file a two-tier cascade
	 * @param source resolves its artifacts
	 * @param texts the texts
	 * @param batchSize every tier's batch size
	 * @return the runner
	 * @throws IOException if the tiers cannot be opened
	 */
	static OfflineRunner open(CascadeFile file, ArtifactSource source, List<String> texts, int batchSize)
			throws IOException {
		List<TextInput> inputs = texts.stream().map(TextInput::of).toList();
		LoadedCascade loaded = file.open(source, (tier) -> tier.withBatchSize(batchSize));
		try {
			return new OfflineRunner(loaded, inputs);
		}
		catch (RuntimeException ex) {
			loaded.close();
			throw ex;
		}
	}

	/**
	 * Runs one pass of the cascade and of each tier alone.
	 * @return the best figures of all passes so far
	 */
	OfflineReference measure() {
		long cpuAtStart = ServiceProcess.cpuNanos(ProcessHandle.current());
		double cascadePerSecond = perSecond(this.cascade);
		double cascadeCpu = (double) (ServiceProcess.cpuNanos(ProcessHandle.current()) - cpuAtStart)
				/ this.inputs.size();
		OfflineReference pass = new OfflineReference(cascadePerSecond, perSecond(this.first), perSecond(this.last),
				this.escalation, cascadeCpu);
		OfflineReference previous = this.best;
		this.best = (previous == null) ? pass
				: new OfflineReference(Math.max(previous.cascadePerSecond(), pass.cascadePerSecond()),
						Math.max(previous.firstPerSecond(), pass.firstPerSecond()),
						Math.max(previous.lastPerSecond(), pass.lastPerSecond()), this.escalation,
						Math.min(previous.cascadeCpuNanosPerInput(), pass.cascadeCpuNanosPerInput()));
		return this.best;
	}

	private double perSecond(Cascade cascade) {
		long start = System.nanoTime();
		CascadeResult result = cascade.classify(this.inputs, false);
		long nanos = System.nanoTime() - start;
		if (result.predictions().size() != this.inputs.size()) {
			throw new IllegalStateException(
					"The cascade answered " + result.predictions().size() + " of " + this.inputs.size() + " inputs");
		}
		return this.inputs.size() / (nanos / 1e9);
	}

	@Override
	public void close() {
		this.loaded.close();
	}

}
