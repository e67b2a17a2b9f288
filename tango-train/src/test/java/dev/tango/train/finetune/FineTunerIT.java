package dev.tango.train.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.fit.FitProgress;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.loop.TrainingListener;
import dev.tango.train.loop.TrainingProgress;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.tango.train.testing.Differences.maxAbsDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fine-tunes the float32 MiniLM-L6 end to end for a few dozen steps on a small SST-2
 * slice on the real PyTorch engine, with the word embeddings frozen, exports it, and
 * serves the exported tiers (the whole float32 model, its int8 quantisation, the float32
 * model as a delta on the bundled encoder, and the int8 model as a delta on the bundled
 * int8 encoder) through the normal cascade loading on ONNX Runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineTunerIT {

	/** Reads a tier's prediction from its logits. */
	private static final ConfidenceFunction SOFTMAX = new ConfidenceFunction(Activation.SOFTMAX,
			ConfidenceMeasure.MAX_PROBABILITY, 1);

	private static final TrainingSettings SETTINGS = TrainingSettings.defaults()
		.withBatchSize(16)
		.withLength(4, 0)
		.withOptimiser(1e-4, 0.1, 0.01, 1.0)
		.withEvaluation(12, 0)
		.withSeed(7);

	private Path folder;

	private LabelledDataset train;

	private LabelledDataset dev;

	private final List<TrainingProgress> progress = new ArrayList<>();

	private final List<String> probeProgress = new ArrayList<>();

	private TunedClassifier tuned;

	private ExportedTier exported;

	@BeforeAll
	void fineTune() throws IOException {
		this.folder = Files.createTempDirectory("fine-tuned");
		this.train = LabelledDataset.read(data("train.tsv")).slice(0, 96);
		this.dev = LabelledDataset.read(data("dev.tsv")).slice(0, 96);
		FineTuneRequest request = new FineTuneRequest("minilm-sst2-test", TrainableEncoder.ALL_MINILM_L6_V2, this.train,
				this.dev, FineTuneRequest.DEFAULT_HELD_OUT_FRACTION, SETTINGS, FineTuneRequest.DEFAULT_DROPOUT, true, 0,
				null, null, null, null, 0);
		TrainingListener listener = new TrainingListener() {

			@Override
			public void onProgress(TrainingProgress step) {
				FineTunerIT.this.progress.add(step);
			}

			@Override
			public void onProbeProgress(String phase, long done, long total) {
				FineTunerIT.this.probeProgress.add(phase + " " + done + "/" + total);
			}

		};
		this.tuned = FineTuner.withDefaults().train(request, listener, () -> false);
		this.exported = this.tuned.export(this.folder);
	}

	@AfterAll
	void close() {
		this.tuned.close();
	}

	@Test
	void theLinearProbeReportsEachFitBeforeTheLoopStarts() {
		int fits = FitSettings.DEFAULT_L2_GRID.size() + 1;
		assertThat(this.probeProgress).filteredOn((report) -> report.startsWith(FitProgress.FITTING))
			.hasSize(fits)
			.endsWith(FitProgress.FITTING + " " + fits + "/" + fits);
	}

	@Test
	void trainingLowersTheLossAndEndsWithTheBestHeldOutWeights() {
		assertThat(this.tuned.result().status()).isEqualTo(TrainingResult.Status.COMPLETED);
		int steps = this.progress.size();
		assertThat(steps).isEqualTo(this.tuned.result().steps()).isGreaterThanOrEqualTo(20);
		assertThat(meanLoss(this.progress.subList(steps - 6, steps)))
			.isLessThan(0.5 * meanLoss(this.progress.subList(0, 6)));
		assertThat(this.tuned.result().bestHeldOutAccuracy()).isGreaterThan(0.7);
		assertThat(accuracy(this.tuned.probabilities(this.dev.inputs()), this.dev.labelIndices()))
			.isEqualTo(this.tuned.result().bestHeldOutAccuracy());
	}

	@Test
	void theExportedFloat32TierServesTheTrainedModelsProbabilities() throws IOException {
		List<TextInput> inputs = this.dev.inputs().subList(0, 48);
		float[][] trained = this.tuned.probabilities(inputs);
		float[][] served = served(this.exported.cascade(), inputs);
		assertThat(maxAbsDifference(served, trained)).isLessThan(1e-4);
	}

	@Test
	void theInt8TierLoadsAndAgreesWithTheFloat32Tier() throws IOException {
		float[][] fp32 = served(this.exported.cascade(), this.dev.inputs());
		float[][] int8 = served(this.exported.int8Cascade(), this.dev.inputs());
		int[] truth = this.dev.labelIndices();
		assertThat(Files.size(this.exported.int8Model())).isLessThan(Files.size(this.exported.model()) / 3);
		assertThat(accuracy(int8, truth)).isGreaterThan(accuracy(fp32, truth) - 0.05);
		assertThat(agreement(int8, fp32)).isGreaterThan(0.9);
		assertThat(maxAbsDifference(int8, fp32)).as("int8 weights give other probabilities").isGreaterThan(1e-4);
	}

	@Test
	void theDeltaTierServesWhatTheWholeModelServes() throws IOException {
		ExportedDelta delta = this.exported.delta();
		assertThat(delta).isNotNull();
		assertThat(delta.base()).isEqualTo(BundledEncoder.ALL_MINILM_L6_V2);
		assertThat(Sha256.of(delta.file())).isEqualTo(delta.sha256());
		long deltaBytes = Files.size(delta.file());
		long modelBytes = Files.size(this.exported.model());
		System.out.printf(
				"fine-tuned MiniLM-L6, word embeddings frozen: delta %,d bytes, %.3f of the model (%d tensors)%n",
				deltaBytes, (double) deltaBytes / modelBytes, delta.changedInitializers());
		assertThat(deltaBytes).as("the frozen word embeddings stay out").isLessThan(modelBytes * 6 / 10);
		assertThat(served(delta.cascade(), this.dev.inputs()))
			.isDeepEqualTo(served(this.exported.cascade(), this.dev.inputs()));
		HeadFile head = HeadFiles.read(delta.head());
		assertThat(head.encoderDelta())
			.isEqualTo(new EncoderDelta("all-minilm-l6-v2", "minilm-sst2-test.delta", delta.sha256()));
		assertThat(head.requireEncoder()).isEqualTo(HeadFiles.read(this.exported.head()).requireEncoder());
		JsonNode provenance = JsonMapper.shared().readTree(this.exported.provenance().toFile());
		assertThat(provenance.at("/deltas/0/sha256").asString()).isEqualTo(delta.sha256());
		assertThat(provenance.at("/deltas/0/baseOnnxSha256").asString())
			.isEqualTo(BundledEncoder.ALL_MINILM_L6_V2.identity().onnxSha256());
	}

	@Test
	void theInt8DeltaOnTheBundledInt8EncoderServesWhatTheWholeInt8ModelServes() throws IOException {
		ExportedDelta delta = this.exported.int8Delta();
		assertThat(delta).isNotNull();
		assertThat(delta.base()).isEqualTo(BundledEncoder.ALL_MINILM_L6_V2_Q);
		long deltaBytes = Files.size(delta.file());
		System.out.printf(
				"fine-tuned MiniLM-L6 int8, word embeddings frozen: delta %,d bytes, %.3f of the model"
						+ " (%d tensors)%n",
				deltaBytes, (double) deltaBytes / Files.size(this.exported.int8Model()), delta.changedInitializers());
		assertThat(deltaBytes).as("the frozen word embeddings stay out")
			.isLessThan(Files.size(this.exported.int8Model()) * 6 / 10)
			.isLessThan(Files.size(this.exported.delta().file()) / 3);
		float[][] whole = served(this.exported.int8Cascade(), this.dev.inputs());
		assertThat(maxAbsDifference(served(delta.cascade(), this.dev.inputs()), whole)).isLessThan(1e-6);
		HeadFile head = HeadFiles.read(delta.head());
		assertThat(head.encoderDelta())
			.isEqualTo(new EncoderDelta("all-minilm-l6-v2-q", "minilm-sst2-test-int8.delta", delta.sha256()));
		assertThat(head.requireEncoder().id()).isEqualTo("minilm-sst2-test-int8");
		JsonNode provenance = JsonMapper.shared().readTree(this.exported.provenance().toFile());
		assertThat(provenance.at("/deltas/1/sha256").asString()).isEqualTo(delta.sha256());
		assertThat(provenance.at("/deltas/1/base").asString()).isEqualTo("all-minilm-l6-v2-q");
	}

	@Test
	void aTamperedDeltaOrAnotherBaseIsRefusedNamingTheDelta() throws IOException {
		ExportedDelta delta = this.exported.delta();
		Path tampered = Files.createTempDirectory(this.folder, "tampered");
		Files.copy(delta.head(), tampered.resolve(delta.head().getFileName()));
		Files.copy(delta.cascade(), tampered.resolve(delta.cascade().getFileName()));
		byte[] bytes = Files.readAllBytes(delta.file());
		bytes[bytes.length / 2] ^= 1;
		Files.write(tampered.resolve(delta.file().getFileName()), bytes);
		assertThatThrownBy(() -> served(tampered.resolve(delta.cascade().getFileName()), this.dev.inputs()))
			.hasMessageContaining("minilm-sst2-test.delta")
			.hasMessageContaining("does not match the sha256 " + delta.sha256());

		Path otherBase = Files.createTempDirectory(this.folder, "other-base");
		Files.copy(delta.file(), otherBase.resolve(delta.file().getFileName()));
		Files.copy(delta.cascade(), otherBase.resolve(delta.cascade().getFileName()));
		HeadFile head = HeadFiles.read(delta.head());
		HeadFiles.write(
				new HeadFile(head.kind(), head.head(), head.encoder(), null, head.training(), new EncoderDelta(
						BundledEncoder.ALL_MINILM_L6_V2_Q.id(), head.encoderDelta().file(), delta.sha256())),
				otherBase.resolve(delta.head().getFileName()));
		assertThatThrownBy(() -> served(otherBase.resolve(delta.cascade().getFileName()), this.dev.inputs()))
			.hasMessageContaining("minilm-sst2-test.delta")
			.hasMessageContaining("not to its head's base all-minilm-l6-v2-q");
	}

	@Test
	void theTierClassifiesRealSentences() throws IOException {
		List<TextInput> sentences = List.of(TextInput.of("a warm , funny and beautifully acted film ."),
				TextInput.of("a dull , tedious mess that wastes its cast ."));
		float[][] probabilities = served(this.exported.cascade(), sentences);
		int positive = this.tuned.labels().indexOf("1");
		assertThat(probabilities[0][positive]).isGreaterThan(0.7f);
		assertThat(probabilities[1][positive]).isLessThan(0.3f);
	}

	@Test
	void theHeadsNameTheirEncodersAndTheProvenanceTheRun() throws IOException {
		HeadFile head = HeadFiles.read(this.exported.head());
		assertThat(head.requireEncoder().id()).isEqualTo("minilm-sst2-test");
		assertThat(head.requireEncoder().onnxSha256()).isEqualTo(Sha256.of(this.exported.model()));
		assertThat(HeadFiles.read(this.exported.int8Head()).requireEncoder().onnxSha256())
			.isEqualTo(Sha256.of(this.exported.int8Model()));
		assertThat(head.training().datasetSha256()).isEqualTo(this.train.sha256());
		JsonNode provenance = JsonMapper.shared().readTree(this.exported.provenance().toFile());
		assertThat(provenance.at("/data/datasetSha256").asString()).isEqualTo(this.train.sha256());
		assertThat(provenance.at("/data/heldOutSha256").asString()).isEqualTo(this.dev.sha256());
		assertThat(provenance.at("/result/steps").asLong()).isEqualTo(this.tuned.result().steps());
		assertThat(provenance.at("/hyperParameters/seed").asLong()).isEqualTo(7);
		assertThat(provenance.at("/hyperParameters/learningRate").asDouble()).isEqualTo(1e-4);
		assertThat(provenance.at("/result/heldOutAccuracy").asDouble())
			.isEqualTo(this.tuned.result().bestHeldOutAccuracy());
		assertThat(provenance.at("/cost/cpuSeconds").asDouble()).isPositive();
		assertThat(provenance.at("/cost/peakResidentBytes").asLong()).isGreaterThan(100L << 20);
	}

	private static float[][] served(Path descriptor, List<TextInput> inputs) throws IOException {
		try (LoadedCascade cascade = new CascadeLoader(DefaultArtifactSource.create()).load(descriptor)) {
			Tier tier = cascade.tiers().get(0).tier();
			List<Scores> scores = tier.classify(inputs);
			float[][] probabilities = new float[scores.size()][];
			for (int i = 0; i < probabilities.length; i++) {
				probabilities[i] = SOFTMAX.probabilities(scores.get(i).logits());
			}
			return probabilities;
		}
	}

	private static double accuracy(float[][] probabilities, int[] truth) {
		int correct = 0;
		for (int i = 0; i < truth.length; i++) {
			correct += (SOFTMAX.label(probabilities[i]) == truth[i]) ? 1 : 0;
		}
		return (double) correct / truth.length;
	}

	private static double agreement(float[][] a, float[][] b) {
		int same = 0;
		for (int i = 0; i < a.length; i++) {
			same += (SOFTMAX.label(a[i]) == SOFTMAX.label(b[i])) ? 1 : 0;
		}
		return (double) same / a.length;
	}

	private static double meanLoss(List<TrainingProgress> steps) {
		return steps.stream().mapToDouble(TrainingProgress::loss).average().orElseThrow();
	}

	private static Path data(String file) {
		return Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", file);
	}

}
