package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Path;

import dev.tango.bench.TangoBench;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.data.TsvWriter;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.onnx.EncoderTruncation;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fine-tune} end to end for a few steps on an SST-2 slice, as a 3-layer student of
 * MiniLM-L6: the tier's files are written with the encoder cut to 3 layers, a second run
 * resumes from the checkpoint, and the fine-tuned head goes into a cascade behind a
 * lexical head that calibrates.
 */
class FineTuneCommandIT {

	@TempDir
	Path folder;

	private static void bench(String... args) {
		assertThat(TangoBench.commandLine().execute(args)).as(String.join(" ", args)).isZero();
	}

	@Test
	void aFineTunedTierIsWrittenResumedAndCascadedBehindALexicalTier() throws IOException {
		Path data = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2");
		Path train = this.folder.resolve("train.tsv");
		Path dev = this.folder.resolve("dev.tsv");
		TsvWriter.write(LabelledDataset.read(data.resolve("train.tsv")).slice(0, 64), train);
		TsvWriter.write(LabelledDataset.read(data.resolve("dev.tsv")).slice(0, 48), dev);
		Path out = this.folder.resolve("tier");
		String[] fineTune = { "fine-tune", "--encoder", "all-minilm-l6-v2", "--train", train.toString(), "--dev",
				dev.toString(), "--epochs", "1", "--batch-size", "8", "--max-steps", "4", "--lr", "5e-5", "--seed", "3",
				"--checkpoint-dir", this.folder.resolve("checkpoints").toString(), "--checkpoint-every", "2",
				"--layers", "3", "--out", out.toString(), "--name", "minilm-it" };
		bench(fineTune);
		JsonNode provenance = Json.MAPPER.readTree(out.resolve("minilm-it.training.json").toFile());
		assertThat(provenance.at("/result/steps").asLong()).isEqualTo(4);
		assertThat(provenance.at("/result/resumedFromStep").asLong()).isZero();
		assertThat(provenance.at("/hyperParameters/layers").asLong()).isEqualTo(3);
		assertThat(EncoderTruncation.layerCount(OnnxModel.read(out.resolve("minilm-it.onnx")))).isEqualTo(3);
		assertThat(provenance.at("/command").asString()).startsWith("tango bench fine-tune --encoder all-minilm-l6-v2");
		assertThat(HeadFiles.read(out.resolve("minilm-it-int8.head.json")).requireEncoder().id())
			.isEqualTo("minilm-it-int8");

		bench(fineTune);
		provenance = Json.MAPPER.readTree(out.resolve("minilm-it.training.json").toFile());
		assertThat(provenance.at("/result/resumedFromStep").asLong()).isEqualTo(4);

		Path words = this.folder.resolve("words.head.json");
		bench("fit-lexical", "--train", train.toString(), "--bucket-bits", "10", "--out", words.toString());
		Path cascade = this.folder.resolve("cascade/cascade.json");
		bench("cascade", "--name", "ft", "--head", words.toString(), "--head",
				out.resolve("minilm-it.head.json").toString(), "--out", cascade.toString());
		JsonNode tier = Json.MAPPER.readTree(cascade.toFile()).get("tiers").get(1);
		assertThat(tier.get("model").asString()).isEqualTo("../tier/minilm-it.onnx");
		assertThat(tier.get("tokenizer").asString()).isEqualTo("../tier/tokenizer.json");
		bench("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--out",
				this.folder.resolve("calibrated/cascade.json").toString());
	}

}
