package dev.tango.bench.distil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tango.bench.Setting;
import dev.tango.bench.finetune.FineTuneRun;
import dev.tango.bench.finetune.StopOnShutdown;
import dev.tango.bench.finetune.TrainingOptions;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.distil.Teacher;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.finetune.FineTuneRequest;
import dev.tango.train.finetune.FineTuner;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options and the run of {@code distil --student transformer}: the first
 * {@code --layers} layers of a trainable encoder with a linear head, trained by the
 * {@link FineTuner} on the teacher's softened probabilities over the labelled texts
 * (mixed with the labels by {@code --alpha}) and any unlabelled ones, and exported as an
 * {@code encoder-linear} tier (float32 and int8) into {@code --out}, its heads recording
 * the distillation. The length of the run, the optimiser's schedule, held-out evaluation
 * and checkpoints are the {@link TrainingOptions} that {@code fine-tune} has too. Ctrl-C
 * stops it after the current step with a checkpoint ({@link StopOnShutdown}).
 */
public final class TransformerStudent {

	@Option(names = "--encoder", defaultValue = "all-minilm-l6-v2",
			description = "transformer student: the encoder whose first layers it keeps (default ${DEFAULT-VALUE})")
	String encoder;

	@Setting("layers")
	@Option(names = "--layers", defaultValue = "3",
			description = "transformer student: the encoder layers kept, 0 for all (default ${DEFAULT-VALUE})")
	int layers;

	@Option(names = "--dev",
			description = "transformer student: labelled rows to keep the best weights by "
					+ "(default 10%% of each label of --train)")
	@Nullable Path dev;

	@Setting("batchSize")
	@Option(names = "--train-batch-size", defaultValue = "32",
			description = "transformer student: rows per step (default ${DEFAULT-VALUE})")
	int batchSize;

	@Setting("learningRate")
	@Option(names = "--lr", defaultValue = "1e-4",
			description = "transformer student: peak learning rate (default ${DEFAULT-VALUE})")
	double learningRate;

	@Option(names = "--name",
			description = "transformer student: its id, naming its files (default <encoder>-<layers>l)")
	@Nullable String name;

	@Mixin
	TrainingOptions training;

	/**
	 * Checks the student's options and where it will write, before the teacher is loaded
	 * or any row read: the training settings in range, {@code --out} and
	 * {@code --checkpoint-dir} folders, and no exported file one the command reads.
	 * @param out the folder to export to
	 * @param seed the seed of the split, order and dropout
	 * @param inputs the files the command reads (the teacher's, the training rows'); the
	 * {@code --dev} file is added
	 * @throws IllegalArgumentException naming the option at fault
	 * @throws IOException if the files cannot be compared
	 */
	void check(Path out, long seed, List<Path> inputs) throws IOException {
		this.training.settings(this.batchSize, this.learningRate, seed);
		List<Path> read = new ArrayList<>(inputs);
		if (this.dev != null) {
			read.add(this.dev);
		}
		FineTuneRun.checkOutputs(out, this.training.checkpointDir(), id(TrainableEncoder.byId(this.encoder)), read);
	}

	private int layers(TrainableEncoder base) {
		return (this.layers > 0) ? this.layers : base.layers();
	}

	private String id(TrainableEncoder base) {
		return (this.name != null) ? this.name : this.encoder + "-" + layers(base) + "l";
	}

	/**
	 * Trains and exports the student.
	 * @param data the labelled texts
	 * @param unlabelled more texts for the teacher to label, or {@code null}
	 * @param augment augmented variants of each labelled text trained on and of each
	 * unlabelled text, for the teacher to label
	 * @param teacher the teacher, open
	 * @param temperature the distillation temperature
	 * @param alpha the weight of the hard labels
	 * @param seed the seed of the split, order and dropout
	 * @param out the folder to export to
	 * @param command the command line to record
	 * @param inputs the files the command reads (the teacher's, the training rows'),
	 * which no file of the export may be; {@code --dev} is added
	 * @return the command's exit status: 0, or {@link StopOnShutdown#STOPPED}
	 * @throws IOException if a file cannot be read or written
	 */
	int run(LabelledDataset data, @Nullable UnlabelledTexts unlabelled, int augment, Teacher teacher,
			double temperature, double alpha, long seed, Path out, String command) throws IOException {
		TrainableEncoder base = TrainableEncoder.byId(this.encoder);
		TrainingSettings settings = this.training.settings(this.batchSize, this.learningRate, seed)
			.withLoss(ClassificationLoss.distillation(temperature, alpha));
		String id = id(base);
		LabelledDataset devRows = (this.dev != null) ? LabelledDataset.read(this.dev) : null;
		FineTuneRequest request = new FineTuneRequest(id, base, data, devRows,
				FineTuneRequest.DEFAULT_HELD_OUT_FRACTION, settings, FineTuneRequest.DEFAULT_DROPOUT, false,
				this.layers, this.training.checkpointDir(), teacher, command, unlabelled, augment);
		return FineTuneRun.run(request, out, command, (result, files) -> {
			System.out.printf("%s: %d-layer student of %s after %d steps: best held-out accuracy %.4f at step %d%n", id,
					layers(base), teacher.id(), result.steps(), result.bestHeldOutAccuracy(), result.bestStep());
			System.out.printf("Wrote %s, %s, %s, %s%n", files.model(), files.int8Model(), files.head(),
					files.int8Head());
		});
	}

}
