package dev.tango.bench.distil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.bench.TangoBench;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.data.TsvWriter;
import dev.tango.core.tier.Scores;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.onnx.EncoderTruncation;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static dev.tango.bench.testsupport.Bench.SST2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code distil --student transformer} for a few steps on an SST-2 slice, unlabelled
 * texts and augmented variants: a 2-layer MiniLM-L6 student of the bundled cascade's
 * first tier, exported as a tier that serves, whose heads record the distillation as the
 * lexical student's do.
 */
class TransformerStudentIT {

	@TempDir
	Path folder;

	@Test
	void aTwoLayerStudentIsTrainedOnTheTeachersProbabilitiesAndServes() throws IOException {
		Path train = this.folder.resolve("train.tsv");
		Path dev = this.folder.resolve("dev.tsv");
		LabelledDataset sst2Train = LabelledDataset.read(SST2.resolve("train.tsv"));
		TsvWriter.write(sst2Train.slice(0, 64), train);
		LabelledDataset devRows = LabelledDataset.read(SST2.resolve("dev.tsv")).slice(0, 32);
		TsvWriter.write(devRows, dev);
		Path unlabelled = this.folder.resolve("unlabelled.txt");
		Files.write(unlabelled, sst2Train.slice(64, 88).examples().stream().map((row) -> row.input().text()).toList());
		long multiWordTexts = sst2Train.slice(0, 88)
			.examples()
			.stream()
			.filter((row) -> row.input().text().trim().split("\\s+").length > 1)
			.count();
		Path out = this.folder.resolve("student");
		assertThat(TangoBench.commandLine()
			.execute("distil", "--student", "transformer", "--teacher", Sst2MiniLm.CASCADE, "--teacher-tier", "1",
					"--train", train.toString(), "--unlabelled", unlabelled.toString(), "--augment", "1", "--dev",
					dev.toString(), "--layers", "2", "--max-steps", "4", "--train-batch-size", "8", "--temperature",
					"2", "--alpha", "0", "--name", "minilm-2l", "--out", out.toString()))
			.isZero();

		JsonNode provenance = Json.MAPPER.readTree(out.resolve("minilm-2l.training.json").toFile());
		assertThat(provenance.at("/hyperParameters/layers").asLong()).isEqualTo(2);
		assertThat(provenance.at("/hyperParameters/teacher").asString())
			.isEqualTo(Sst2MiniLm.CASCADE + "#sst2-minilm-l6-q");
		assertThat(provenance.at("/hyperParameters/loss/temperature").asDouble()).isEqualTo(2);
		assertThat(provenance.at("/hyperParameters/loss/hardWeight").asDouble()).isZero();
		assertThat(provenance.at("/result/steps").asLong()).isEqualTo(4);
		assertThat(EncoderTruncation.layerCount(OnnxModel.read(out.resolve("minilm-2l.onnx")))).isEqualTo(2);
		assertThat(HeadFiles.read(out.resolve("minilm-2l-int8.head.json")).head().labels()).containsExactly("0", "1");
		for (String head : List.of("minilm-2l.head.json", "minilm-2l-int8.head.json")) {
			Distillation distillation = HeadFiles.read(out.resolve(head)).training().distillation();
			assertThat(distillation).isNotNull();
			assertThat(distillation.teacher()).isEqualTo(Sst2MiniLm.CASCADE + "#sst2-minilm-l6-q");
			assertThat(distillation.temperature()).isEqualTo(2);
			assertThat(distillation.alpha()).isZero();
			assertThat(distillation.unlabelled()).isEqualTo(unlabelled.toString());
			assertThat(distillation.unlabelledSha256()).isEqualTo(Sha256.of(unlabelled));
			assertThat(distillation.unlabelledRows()).isEqualTo(24);
			// a variant of each labelled row and unlabelled text of two words or more:
			// --dev holds none of them out
			assertThat(distillation.augmentPerText()).isEqualTo(1);
			assertThat(distillation.augmentedRows()).isEqualTo(multiWordTexts);
			assertThat(distillation.teacherHeldOutAccuracy()).isBetween(0.6, 1.0);
			assertThat(distillation.heldOutAgreement()).isBetween(0.0, 1.0);
			assertThat(distillation.teacherSeconds()).isPositive();
			assertThat(distillation.fitSeconds()).isPositive();
		}
		try (LoadedCascade cascade = new CascadeLoader(DefaultArtifactSource.create())
			.load(out.resolve("minilm-2l-int8.cascade.json"))) {
			List<Scores> scores = cascade.tiers().get(0).tier().classify(devRows.inputs());
			assertThat(scores).hasSize(32).allSatisfy((score) -> assertThat(score.logits()).hasSize(2));
		}
	}

}
