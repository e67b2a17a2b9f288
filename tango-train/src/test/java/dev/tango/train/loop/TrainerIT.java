package dev.tango.train.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.tango.train.testing.Differences.maxAbsDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trains a small mean-pooled embedding classifier on real SST-2 rows, tokenised with the
 * bundled BERT-uncased tokenizer, on the real PyTorch engine.
 */
class TrainerIT {

	private static final int DIMENSION = 32;

	private static TrainingData data;

	private static final TrainingSettings SETTINGS = TrainingSettings.defaults()
		.withLength(2, 0)
		.withOptimiser(5e-3, 0.1, 0.01, 1.0)
		.withEvaluation(40, 0);

	@TempDir
	Path directory;

	@BeforeAll
	static void readData() {
		data = Sst2Slice.labelled(3000, 400);
	}

	@Test
	void lossFallsAndHeldOutAccuracyRisesWellAboveChance() throws IOException {
		try (Model model = model(1)) {
			double before = new HeldOutEvaluator(data, 32).accuracy(model.getBlock(), model.getNDManager(),
					model.getBlock().getParameters().values());
			List<TrainingProgress> progress = new ArrayList<>();
			TrainingResult result = new Trainer(model, SETTINGS, null).fit(data, progress::add, () -> false);

			assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
			assertThat(progress).hasSize((int) result.steps());
			assertThat(meanLoss(progress.subList(progress.size() - 20, progress.size())))
				.isLessThan(0.8 * meanLoss(progress.subList(0, 20)));
			assertThat(result.bestHeldOutAccuracy()).isGreaterThan(0.68).isGreaterThan(before + 0.1);
			assertThat(progress).filteredOn(TrainingProgress::evaluated).isNotEmpty();
			TrainingProgress last = progress.get(progress.size() - 1);
			assertThat(last.step()).isEqualTo(last.totalSteps());
			assertThat(last.stepsPerSecond()).isPositive();
			assertThat(progress.get(0).eta()).isPositive();
			double after = new HeldOutEvaluator(data, 32).accuracy(model.getBlock(), model.getNDManager(),
					model.getBlock().getParameters().values());
			assertThat(after).as("the block ends with the best weights").isEqualTo(result.bestHeldOutAccuracy());
		}
	}

	@Test
	void theSameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() throws IOException {
		TrainingSettings settings = SETTINGS.withLength(1, 60);
		float[][] first = train(1, settings, null);
		float[][] again = train(1, settings, null);
		float[][] otherOrder = train(1, settings.withSeed(43), null);
		assertThat(again).isDeepEqualTo(first);
		assertThat(maxAbsDifference(otherOrder, first)).isGreaterThan(1e-4);
	}

	@Test
	void aRunKilledMidwayAndResumedInANewTrainerEndsWithTheUninterruptedWeights() throws IOException {
		TrainingSettings settings = SETTINGS.withLength(2, 130).withCheckpointEvery(25);
		float[][] uninterrupted = train(1, settings, this.directory.resolve("uninterrupted"));

		Path run = this.directory.resolve("killed");
		try (Model model = model(1)) {
			TrainingListener crashAt60 = (progress) -> {
				if (progress.step() == 60) {
					throw new IllegalStateException("killed");
				}
			};
			assertThatThrownBy(() -> new Trainer(model, settings, run).fit(data, crashAt60, () -> false))
				.hasMessage("killed");
		}
		assertThat(Checkpoint.readState(run)).get().extracting(CheckpointState::step).isEqualTo(50L);
		assertThat(run.resolve(Checkpoint.FILE + ".tmp")).doesNotExist();
		try (Model model = model(99)) {
			TrainingResult resumed = new Trainer(model, settings, run).fit(data, TrainingListener.NONE, () -> false);
			assertThat(resumed.resumedFromStep()).isEqualTo(50);
			assertThat(resumed.steps()).isEqualTo(130);
			assertThat(maxAbsDifference(weights(model), uninterrupted)).isLessThanOrEqualTo(1e-6);
		}
	}

	@Test
	void aCancelledRunStopsBetweenStepsAndResumesToTheUninterruptedWeights() throws IOException {
		TrainingSettings settings = SETTINGS.withLength(1, 70);
		float[][] uninterrupted = train(2, settings, null);
		Path run = this.directory.resolve("cancelled");
		AtomicBoolean cancel = new AtomicBoolean();
		try (Model model = model(2)) {
			TrainingResult cancelled = new Trainer(model, settings, run).fit(data, (progress) -> {
				if (progress.step() == 33) {
					cancel.set(true);
				}
			}, cancel::get);
			assertThat(cancelled.status()).isEqualTo(TrainingResult.Status.CANCELLED);
			assertThat(cancelled.steps()).isEqualTo(33);
		}
		try (Model model = model(3)) {
			TrainingResult resumed = new Trainer(model, settings, run).fit(data, TrainingListener.NONE, () -> false);
			assertThat(resumed.resumedFromStep()).isEqualTo(33);
			assertThat(resumed.status()).isEqualTo(TrainingResult.Status.COMPLETED);
			assertThat(maxAbsDifference(weights(model), uninterrupted)).isLessThanOrEqualTo(1e-6);
		}
		try (Model model = model(2)) {
			assertThatThrownBy(
					() -> new Trainer(model, settings.withSeed(5), run).fit(data, TrainingListener.NONE, () -> false))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("another run");
		}
	}

	@Test
	void aStepWhoseGradientOverflowsIsSkippedAndCountedAlsoAfterAResume() throws IOException {
		TrainingSettings settings = SETTINGS.withLength(1, 40);
		Path run = this.directory.resolve("skipped");
		AtomicBoolean cancel = new AtomicBoolean();
		List<TrainingProgress> progress = new ArrayList<>();
		try (Model model = model(4)) {
			// logits a million million million times too large after step 5: the gradient
			// of
			// the embeddings at step 6 overflows, and the weights are put back after it
			NDArray head = headWeight(model);
			TrainingResult cancelled = new Trainer(model, settings, run).fit(data, (step) -> {
				progress.add(step);
				if (step.step() == 5) {
					head.muli(1e24f);
				}
				else if (step.step() == 6) {
					head.divi(1e24f);
				}
				cancel.set(step.step() == 20);
			}, cancel::get);
			assertThat(cancelled.status()).isEqualTo(TrainingResult.Status.CANCELLED);
			assertThat(cancelled.skippedSteps()).isEqualTo(1);
		}
		assertThat(progress).filteredOn((step) -> Double.isNaN(step.loss()))
			.extracting(TrainingProgress::step)
			.containsExactly(6L);
		try (Model model = model(5)) {
			TrainingResult resumed = new Trainer(model, settings, run).fit(data, TrainingListener.NONE, () -> false);
			assertThat(resumed.resumedFromStep()).isEqualTo(20);
			assertThat(resumed.steps()).isEqualTo(40);
			assertThat(resumed.skippedSteps()).as("the step the first attempt skipped").isEqualTo(1);
		}
	}

	@Test
	void earlyStoppingEndsAfterThePatienceAndKeepsTheBestWeights() throws IOException {
		TrainingSettings frozenAccuracy = SETTINGS.withOptimiser(1e-9, 0, 0, 1.0).withEvaluation(10, 2);
		float[][] atFirstEvaluation;
		try (Model model = model(4)) {
			AtomicBoolean cancel = new AtomicBoolean();
			new Trainer(model, frozenAccuracy, null).fit(data, (progress) -> cancel.set(progress.step() == 10),
					cancel::get);
			atFirstEvaluation = weights(model);
		}
		try (Model model = model(4)) {
			TrainingResult result = new Trainer(model, frozenAccuracy, null).fit(data, TrainingListener.NONE,
					() -> false);
			assertThat(result.status()).isEqualTo(TrainingResult.Status.EARLY_STOPPED);
			assertThat(result.steps()).isEqualTo(30);
			assertThat(result.bestStep()).isEqualTo(10);
			assertThat(weights(model)).isDeepEqualTo(atFirstEvaluation);
		}
	}

	/**
	 * PyTorch's grad mode is per thread: on by default, turned off by DJL only on the
	 * thread that loaded the engine. A run on any other thread, such as a service's
	 * second worker or the one that replaces a worker that died, must train just the
	 * same.
	 */
	@Test
	void trainsTheSameOnAnyThreadNotOnlyOnTheOneThatLoadedTheEngine() throws Exception {
		TrainingSettings settings = SETTINGS;
		List<TrainingProgress> here = new ArrayList<>();
		float[][] onThisThread = trainRecording(settings, here);
		List<TrainingProgress> fresh = new ArrayList<>();
		float[][] onAFreshThread = onNewThread(() -> trainRecording(settings, fresh));
		List<TrainingProgress> another = new ArrayList<>();
		float[][] onAnotherFreshThread = onNewThread(() -> trainRecording(settings, another));

		for (List<TrainingProgress> run : List.of(here, fresh, another)) {
			assertThat(run).hasSameSizeAs(here);
			assertThat(meanLoss(run.subList(run.size() - 20, run.size())))
				.isLessThan(0.8 * meanLoss(run.subList(0, 20)));
		}
		assertThat(maxAbsDifference(onAFreshThread, onThisThread)).isLessThanOrEqualTo(1e-6);
		assertThat(maxAbsDifference(onAnotherFreshThread, onThisThread)).isLessThanOrEqualTo(1e-6);
	}

	@Test
	void aStudentLearnsFromATeachersSoftenedProbabilities() throws IOException {
		double temperature = 2;
		List<float[]> teacher = new ArrayList<>();
		try (Model model = model(5)) {
			new Trainer(model, SETTINGS, null).fit(data, TrainingListener.NONE, () -> false);
			for (float[] logits : logits(model, data.train())) {
				teacher.add(ClassificationLoss.softmax(logits, temperature));
			}
		}
		List<TrainingExample> soft = new ArrayList<>();
		for (int i = 0; i < data.train().size(); i++) {
			TrainingExample example = data.train().get(i);
			soft.add(new TrainingExample(example.ids(), example.typeIds(), TrainingExample.UNLABELLED, teacher.get(i)));
		}
		TrainingData distillation = new TrainingData(soft, data.heldOut(), data.classes(), data.padId());
		try (Model student = model(6)) {
			TrainingResult result = new Trainer(student,
					SETTINGS.withLoss(ClassificationLoss.distillation(temperature, 0)), null)
				.fit(distillation, TrainingListener.NONE, () -> false);
			assertThat(result.bestHeldOutAccuracy()).isGreaterThan(0.65);
			List<float[]> studentLogits = logits(student, data.train());
			int agree = 0;
			for (int i = 0; i < teacher.size(); i++) {
				agree += (argMax(studentLogits.get(i)) == argMax(teacher.get(i))) ? 1 : 0;
			}
			assertThat((double) agree / teacher.size()).isGreaterThan(0.85);
		}
	}

	private static NDArray headWeight(Model model) {
		return model.getBlock()
			.getParameters()
			.stream()
			.filter((named) -> named.getKey().endsWith("head_weight"))
			.findFirst()
			.orElseThrow()
			.getValue()
			.getArray();
	}

	private static Model model(long seed) {
		return MeanPooledClassifier.initialised(seed, Sst2Slice.EMBEDDING_ROWS, DIMENSION, 2);
	}

	private static float[][] train(long initSeed, TrainingSettings settings, Path checkpoints) throws IOException {
		try (Model model = model(initSeed)) {
			if (checkpoints != null) {
				Files.createDirectories(checkpoints);
			}
			new Trainer(model, settings, checkpoints).fit(data, TrainingListener.NONE, () -> false);
			return weights(model);
		}
	}

	private static float[][] trainRecording(TrainingSettings settings, List<TrainingProgress> progress)
			throws IOException {
		try (Model model = model(7)) {
			boolean gradMode = GradMode.isOn();
			TrainingResult result = new Trainer(model, settings, null).fit(data, progress::add, () -> false);
			assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
			assertThat(GradMode.isOn()).as("the thread's grad mode is put back").isEqualTo(gradMode);
			return weights(model);
		}
	}

	/** Runs a task on a new platform thread, which has never used the engine. */
	private static <T> T onNewThread(Callable<T> task) throws InterruptedException {
		FutureTask<T> future = new FutureTask<>(task);
		Thread.ofPlatform().name("fresh-trainer").start(future).join();
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw new AssertionError("Training failed on a fresh thread", ex.getCause());
		}
	}

	static float[][] weights(Model model) {
		return model.getBlock()
			.getParameters()
			.values()
			.stream()
			.map(Parameter::getArray)
			.map(NDArray::toFloatArray)
			.toArray(float[][]::new);
	}

	private static double meanLoss(List<TrainingProgress> steps) {
		return steps.stream().mapToDouble(TrainingProgress::loss).average().orElseThrow();
	}

	private static List<float[]> logits(Model model, List<TrainingExample> examples) {
		List<float[]> result = new ArrayList<>();
		for (int from = 0; from < examples.size(); from += 64) {
			int[] members = IntStream.range(from, Math.min(examples.size(), from + 64)).toArray();
			try (NDManager scope = model.getNDManager().newSubManager()) {
				BatchTensors batch = BatchTensors.of(scope, examples, members, data.padId(), data.classes());
				float[] flat = model.getBlock()
					.forward(new ParameterStore(scope, false), batch.inputs(), false)
					.singletonOrThrow()
					.toFloatArray();
				for (int i = 0; i < members.length; i++) {
					result.add(new float[] { flat[2 * i], flat[2 * i + 1] });
				}
			}
		}
		return result;
	}

	private static int argMax(float[] values) {
		return (values[1] > values[0]) ? 1 : 0;
	}

}
