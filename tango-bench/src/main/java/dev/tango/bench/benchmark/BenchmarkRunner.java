package dev.tango.bench.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tango.bench.calibrate.LabelledRuns;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.Stages;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.EncoderArtifacts;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import org.jspecify.annotations.Nullable;

/**
 * Holds what a benchmark runs, one copy per ONNX Runtime thread count: the cascade's
 * tiers (one ONNX Runtime predictor each, for the one calling thread) and the plain ONNX
 * Runtime classifier of its last tier; runs one {@link Schedule.Step} at a time.
 */
final class BenchmarkRunner implements AutoCloseable {

	private final CascadeFile file;

	private final ArtifactSource source;

	private final List<TextInput> inputs;

	private final List<String> texts;

	private final LabelledDataset data;

	private int @Nullable [] truth;

	/** Each tier's length of every input ({@code Tier.length}), made once, untimed. */
	private int @Nullable [][] lengths;

	private final Map<Integer, LoadedCascade> cascades = new LinkedHashMap<>();

	private final Map<Integer, PlainOnnxClassifier> plains = new LinkedHashMap<>();

	/**
	 * Creates a runner; nothing is opened yet.
	 * @param file the cascade
	 * @param source resolves its artifacts
	 * @param data the labelled inputs, single texts
	 */
	BenchmarkRunner(CascadeFile file, ArtifactSource source, LabelledDataset data) {
		this.file = file;
		this.source = source;
		this.data = data;
		this.inputs = data.inputs();
		if (this.inputs.stream().anyMatch(TextInput::isPair)) {
			throw new IllegalArgumentException("The benchmark takes single texts, not pairs");
		}
		this.texts = this.inputs.stream().map(TextInput::text).toList();
	}

	/**
	 * Opens the cascade's tiers with a number of intra-op threads.
	 * @param threads the threads
	 * @return the stages
	 * @throws IOException if a tier cannot be opened
	 */
	List<Stage> openCascade(int threads) throws IOException {
		LoadedCascade loaded = this.file.open(this.source,
				(tier) -> tier.withOnnxRuntime(tier.onnxRuntime().withIntraOpThreads(threads).withConcurrency(1)));
		this.cascades.put(threads, loaded);
		List<Stage> stages = loaded.stages();
		if (this.truth == null) {
			this.truth = LabelledRuns.truth(this.data, stages.get(0).tier().labels());
			this.lengths = new int[stages.size()][];
			for (int k = 0; k < stages.size(); k++) {
				Stage stage = stages.get(k);
				this.lengths[k] = this.inputs.stream().mapToInt((input) -> stage.tier().length(input)).toArray();
			}
		}
		return stages;
	}

	/**
	 * Opens the plain classifier of the last tier with a number of intra-op threads.
	 * @param threads the threads
	 * @throws IOException if the model cannot be opened
	 */
	void openPlain(int threads) throws IOException {
		List<TierSpec> tiers = this.file.descriptor().tiers();
		TierSpec last = tiers.get(tiers.size() - 1);
		if (!last.kind().equals("encoder-linear")) {
			throw new IllegalArgumentException("The plain ONNX Runtime baseline needs an encoder-linear last tier");
		}
		String headUri = last.requireArtifact("head").uri();
		byte[] head;
		try (InputStream in = this.source.open(headUri)) {
			head = in.readAllBytes();
		}
		HeadFile parsed = HeadFiles.read(new java.io.ByteArrayInputStream(head), headUri);
		EncoderIdentity identity = parsed.requireEncoder();
		EncoderArtifacts encoder = EncoderArtifacts.of(last, last.requireArtifact("head"), parsed, this.source);
		Path modelFile = this.source.file(encoder.model().uri(), identity.onnxSha256());
		Path tokenizerFile = this.source.file(encoder.tokenizer().uri(), encoder.tokenizer().sha256());
		this.plains.put(threads, PlainOnnxClassifier.open(modelFile, tokenizerFile, head, threads));
	}

	/**
	 * Runs a step over all inputs.
	 * @param step the step
	 * @return the measurement
	 */
	Measurement run(Schedule.Step step) {
		return run(step, this.inputs.size());
	}

	/**
	 * Runs a step over the first inputs, to warm up.
	 * @param step the step
	 * @param count how many inputs
	 */
	void warmUp(Schedule.Step step, int count) {
		run(step, Math.min(count, this.inputs.size()));
	}

	private Measurement run(Schedule.Step step, int count) {
		List<TextInput> inputs = this.inputs.subList(0, count);
		List<Stage> stages = Stages.withBatchSize(this.cascades.get(step.threads()).stages(), step.batchSize());
		Variant variant = step.variant();
		long start = System.nanoTime();
		int[] labels;
		List<Double> reach = List.of();
		List<Measurement.TierWork> work = List.of();
		switch (variant.kind()) {
			case PLAIN_IN_ORDER -> labels = this.plains.get(step.threads())
				.classifyInOrder(this.texts.subList(0, count), step.batchSize());
			case PLAIN_SORTED ->
				labels = this.plains.get(step.threads()).classifySorted(this.texts.subList(0, count), step.batchSize());
			case TANGO_LAST, TANGO_TIER -> {
				int k = (variant.kind() == Variant.Kind.TANGO_LAST) ? stages.size() - 1 : variant.tier();
				CascadeResult result = alone(stages.get(k)).classify(inputs, false);
				labels = labels(result);
				work = List.of(work(k, result, 0, count, step.batchSize()));
			}
			case CASCADE -> {
				CascadeResult result = new Cascade(stages).classify(inputs, false);
				labels = labels(result);
				List<Double> shares = new ArrayList<>();
				List<Measurement.TierWork> tiers = new ArrayList<>();
				for (int k = 0; k < result.tiers().size(); k++) {
					if (k > 0) {
						shares.add((double) result.tiers().get(k).inputs() / count);
					}
					tiers.add(work(k, result, k, count, step.batchSize()));
				}
				reach = shares;
				work = tiers;
			}
			default -> throw new IllegalStateException("Unknown variant " + variant);
		}
		long nanos = System.nanoTime() - start;
		int[] expected = Objects.requireNonNull(this.truth);
		int correct = 0;
		for (int i = 0; i < count; i++) {
			correct += (labels[i] == expected[i]) ? 1 : 0;
		}
		return new Measurement(step.repeat(), step.threads(), step.batchSize(), variant, nanos, count,
				(double) correct / count, reach, work);
	}

	/**
	 * Returns what a tier did in a run: the inputs answered at tier {@code position} of
	 * the run's stages or later reached it; their lengths are tier {@code k}'s, batched
	 * as the engine batches them ({@link LengthBatching#batches}).
	 */
	private Measurement.TierWork work(int k, CascadeResult result, int position, int count, int batchSize) {
		int[] length = Objects.requireNonNull(this.lengths)[k];
		List<Integer> reached = new ArrayList<>();
		long all = 0;
		long tokens = 0;
		for (int i = 0; i < count; i++) {
			all += length[i];
			if (result.predictions().get(i).tier() >= position) {
				reached.add(i);
				tokens += length[i];
			}
		}
		long padded = 0;
		for (int[] batch : LengthBatching.batches(reached, (i) -> length[i], batchSize)) {
			int longest = 0;
			for (int member : batch) {
				longest = Math.max(longest, length[reached.get(member)]);
			}
			padded += (long) longest * batch.length;
		}
		return new Measurement.TierWork(reached.size(), tokens, (all > 0) ? (double) tokens / all : Double.NaN, padded,
				result.tiers().get(position).nanos());
	}

	private static Cascade alone(Stage stage) {
		return new Cascade(List.of(stage));
	}

	private static int[] labels(CascadeResult result) {
		return result.predictions().stream().mapToInt(Prediction::labelIndex).toArray();
	}

	@Override
	public void close() {
		this.plains.values().forEach(PlainOnnxClassifier::close);
		this.cascades.values().forEach(LoadedCascade::close);
	}

}
