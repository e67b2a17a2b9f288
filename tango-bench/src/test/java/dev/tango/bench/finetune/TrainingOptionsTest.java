package dev.tango.bench.finetune;

import java.nio.file.Path;

import dev.tango.bench.distil.DistilCommand;
import dev.tango.train.loop.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingOptionsTest {

	@Test
	void byDefaultTheSettingsAreTheTrainingDefaultsWithoutCheckpoints() {
		TrainingOptions options = CommandLine.populateCommand(new TrainingOptions());
		assertThat(options.settings(32, 5e-5, 42)).isEqualTo(TrainingSettings.defaults());
		assertThat(options.checkpointDir()).isNull();
		assertThat(
				CommandLine.populateCommand(new TrainingOptions(), "--checkpoint-every", "25").settings(32, 5e-5, 42))
			.isEqualTo(TrainingSettings.defaults());
	}

	@Test
	void fineTuneBuildsItsSettingsFromTheSharedOptionsAndItsOwn() {
		FineTuneCommand command = new FineTuneCommand();
		new CommandLine(command).parseArgs("--encoder", "all-minilm-l6-v2", "--train", "train.tsv", "--out", "out",
				"--epochs", "2", "--max-steps", "50", "--warmup", "0.2", "--weight-decay", "0", "--evaluate-every",
				"10", "--patience", "3", "--checkpoint-dir", "ckpt", "--checkpoint-every", "25", "--batch-size", "16",
				"--lr", "1e-4", "--seed", "7");
		TrainingSettings defaults = TrainingSettings.defaults();
		assertThat(command.training.settings(command.batchSize, command.learningRate, command.seed))
			.isEqualTo(defaults.withLength(2, 50)
				.withBatchSize(16)
				.withOptimiser(1e-4, 0.2, 0, defaults.maxGradientNorm())
				.withEvaluation(10, 3)
				.withCheckpointEvery(25)
				.withSeed(7));
		assertThat(command.training.checkpointDir()).isEqualTo(Path.of("ckpt"));
	}

	@Test
	void distilTakesTheSameTrainingOptionsForItsTransformerStudentWithItsOwnBatchSizeAndLearningRate() {
		CommandLine distil = new CommandLine(new DistilCommand());
		distil.parseArgs("--student", "transformer", "--teacher", "cascade.json", "--train", "train.tsv", "--out",
				"out", "--warmup", "0.2", "--checkpoint-every", "25");
		CommandSpec spec = distil.getCommandSpec();
		assertThat(spec.findOption("--warmup").<Double>getValue()).isEqualTo(0.2);
		assertThat(spec.findOption("--checkpoint-every").<Integer>getValue()).isEqualTo(25);
		assertThat(spec.findOption("--epochs").<Integer>getValue()).isEqualTo(3);
		assertThat(spec.findOption("--lr").<Double>getValue()).isEqualTo(1e-4);
		assertThat(spec.findOption("--lr").defaultValue()).isEqualTo("1e-4");
		assertThat(spec.findOption("--train-batch-size").<Integer>getValue()).isEqualTo(32);
		assertThat(spec.findOption("--batch-size").<Integer>getValue()).isNull();
	}

}
