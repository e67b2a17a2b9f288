package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.tango.bench.Invocation;
import dev.tango.bench.Setting;
import dev.tango.bench.data.TrainingFileOption;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.finetune.ExportedDelta;
import dev.tango.train.finetune.ExportedTier;
import dev.tango.train.finetune.FineTuneRequest;
import dev.tango.train.finetune.FineTuner;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fine-tune}: fine-tunes a trainable encoder with a linear head on a labelled file
 * ({@link FineTuner}) with a one-line progress bar, and writes the exported tier (float32
 * and int8 ONNX, tokenizer, heads, one-tier cascade descriptors, provenance) to a folder.
 * Run again with the same options and checkpoint folder, it resumes where it stopped.
 * Ctrl-C stops it after the current step with a checkpoint ({@link StopOnShutdown}), and
 * it exits with {@link StopOnShutdown#STOPPED}.
 */
@Command(name = "fine-tune", mixinStandardHelpOptions = true,
		description = "Fine-tunes an encoder with a linear head end to end and exports it as an encoder-linear tier.")
public final class FineTuneCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--encoder", required = true, description = "the encoder to start from: ${COMPLETION-CANDIDATES}",
			completionCandidates = EncoderIds.class)
	String encoder;

	@Mixin
	TrainingFileOption train;

	@Option(names = "--dev",
			description = "labelled rows to evaluate on and keep the best weights by (default: --holdout of --train)")
	@Nullable Path dev;

	@Setting("heldOutFraction")
	@Option(names = "--holdout", defaultValue = "0.1",
			description = "share of each label of --train held out when no --dev is given (default ${DEFAULT-VALUE})")
	double holdout;

	@Option(names = "--out", required = true, description = "the folder to write the tier's files to")
	Path out;

	@Option(names = "--name", description = "the fine-tuned encoder's id, naming its files (default <encoder>-ft)")
	@Nullable String name;

	@Setting("batchSize")
	@Option(names = "--batch-size", defaultValue = "32", description = "rows per step (default ${DEFAULT-VALUE})")
	int batchSize;

	@Setting("learningRate")
	@Option(names = "--lr", defaultValue = "5e-5", description = "peak learning rate (default ${DEFAULT-VALUE})")
	double learningRate;

	@Setting("dropout")
	@Option(names = "--dropout", defaultValue = "0.1", description = "dropout in training (default ${DEFAULT-VALUE})")
	float dropout;

	@Option(names = "--freeze-word-embeddings", description = "leave the word embeddings as they are")
	boolean freezeWordEmbeddings;

	@Setting("layers")
	@Option(names = "--layers", defaultValue = "0",
			description = "keep and train only the encoder's first layers (a shallow student), 0 for all (default ${DEFAULT-VALUE})")
	int layers;

	@Option(names = "--seed", defaultValue = "42",
			description = "seed of the split, order and dropout (default ${DEFAULT-VALUE})")
	long seed;

	@Mixin
	TrainingOptions training;

	@Override
	public Integer call() throws Exception {
		TrainableEncoder base = TrainableEncoder.byId(this.encoder);
		TrainingSettings settings = this.training.settings(this.batchSize, this.learningRate, this.seed);
		String id = (this.name != null) ? this.name : this.encoder + "-ft";
		List<Path> inputs = (this.dev != null) ? List.of(this.train.file(), this.dev) : List.of(this.train.file());
		FineTuneRun.checkOutputs(this.out, this.training.checkpointDir(), id, inputs);
		LabelledDataset trainRows = this.train.read();
		LabelledDataset devRows = (this.dev != null) ? LabelledDataset.read(this.dev) : null;
		String command = Invocation.of(this.spec);
		FineTuneRequest request = new FineTuneRequest(id, base, trainRows, devRows, this.holdout, settings,
				this.dropout, this.freezeWordEmbeddings, this.layers, this.training.checkpointDir(), null, command,
				null, 0);
		System.out.printf("Fine-tuning %s on %s (%d rows) into %s%n", base.identity().id(), trainRows.name(),
				trainRows.size(), id);
		return FineTuneRun.run(request, this.out, command, FineTuneCommand::print);
	}

	private static void print(TrainingResult result, ExportedTier files) throws IOException {
		System.out.printf("%s after %d steps (resumed from %d): best held-out accuracy %.4f at step %d, %.1f s%n",
				result.status(), result.steps(), result.resumedFromStep(), result.bestHeldOutAccuracy(),
				result.bestStep(), result.wallTime().toMillis() / 1e3);
		System.out.printf("Wrote %s (%,d bytes), %s (%,d bytes), %s, %s, %s%n", files.model(),
				Files.size(files.model()), files.int8Model(), Files.size(files.int8Model()), files.head(),
				files.int8Head(), files.provenance());
		System.out.printf("One-tier cascades: %s, %s (for calibrate, evaluate and benchmark; as the last tier of "
				+ "a cascade: tango bench cascade --name <name> --head <cheaper>.head.json --head %s --out <file>)%n",
				files.cascade(), files.int8Cascade(), files.head());
		for (ExportedDelta delta : Stream.of(files.delta(), files.int8Delta()).filter(Objects::nonNull).toList()) {
			System.out.printf("As a delta on %s: %s (%,d bytes, %d tensors), head %s, one-tier cascade %s%n",
					delta.base().id(), delta.file(), Files.size(delta.file()), delta.changedInitializers(),
					delta.head(), delta.cascade());
		}
	}

	/** The ids of the trainable encoders. */
	static final class EncoderIds implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return TrainableEncoder.ids().iterator();
		}

	}

}
