package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tango.bench.cascade.Json;
import dev.tango.bench.data.TsvWriter;
import dev.tango.bench.testsupport.BenchProcess;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.onnx.EncoderTruncation;
import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static dev.tango.bench.testsupport.Bench.SST2;
import static dev.tango.bench.testsupport.Bench.bench;
import static dev.tango.bench.testsupport.Bench.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fine-tune} end to end for a few steps on an SST-2 slice, as a 3-layer student of
 * MiniLM-L6: the tier's files are written with the encoder cut to 3 layers, a second run
 * resumes from the checkpoint, and the fine-tuned head goes into a cascade behind a
 * lexical head that calibrates; a tier of the whole encoder cascades as its int8 delta on
 * the bundled int8 encoder; and a run stopped by Ctrl-C in its own process keeps its
 * checkpoint, exits with its own status and, run again, ends with the weights of a run
 * never stopped.
 */
class FineTuneCommandIT {

	@TempDir
	Path folder;

	private Path[] slices() throws IOException {
		Path train = this.folder.resolve("train.tsv");
		Path dev = this.folder.resolve("dev.tsv");
		TsvWriter.write(LabelledDataset.read(SST2.resolve("train.tsv")).slice(0, 64), train);
		TsvWriter.write(LabelledDataset.read(SST2.resolve("dev.tsv")).slice(0, 48), dev);
		return new Path[] { train, dev };
	}

	@Test
	void aFineTunedTierIsWrittenResumedAndCascadedBehindALexicalTier() throws IOException {
		Path[] slices = slices();
		Path train = slices[0];
		Path dev = slices[1];
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

		// no student is written over its teacher, and no tier into a file, before any
		// step
		Path model = out.resolve("minilm-it.onnx");
		byte[] teacherModel = Files.readAllBytes(model);
		assertThat(refused("distil", "--student", "transformer", "--teacher",
				out.resolve("minilm-it.cascade.json").toString(), "--train", train.toString(), "--layers", "1",
				"--max-steps", "1", "--name", "minilm-it", "--out", out.toString()))
			.contains("--out " + model + " is the input " + model);
		assertThat(model).hasBinaryContent(teacherModel);
		assertThat(refused("fine-tune", "--encoder", "all-minilm-l6-v2", "--train", train.toString(), "--max-steps",
				"1", "--out", train.toString()))
			.contains("--out " + train + " is a file: give the folder to write to");

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

	@Test
	void aWholeEncoderTierCascadesAsItsInt8DeltaOnTheBundledInt8Encoder() throws IOException {
		Path[] slices = slices();
		Path out = this.folder.resolve("tier");
		bench("fine-tune", "--encoder", "all-minilm-l6-v2", "--train", slices[0].toString(), "--dev",
				slices[1].toString(), "--epochs", "1", "--batch-size", "8", "--max-steps", "2", "--seed", "3",
				"--freeze-word-embeddings", "--out", out.toString(), "--name", "minilm-whole");
		Path deltaHead = out.resolve("minilm-whole-int8.delta.head.json");
		assertThat(HeadFiles.read(deltaHead).encoderDelta().base()).isEqualTo("all-minilm-l6-v2-q");

		Path words = this.folder.resolve("words.head.json");
		bench("fit-lexical", "--train", slices[0].toString(), "--bucket-bits", "10", "--out", words.toString());
		Path cascade = this.folder.resolve("cascade/cascade.json");
		bench("cascade", "--name", "ft-delta", "--head", words.toString(), "--head", deltaHead.toString(), "--out",
				cascade.toString());
		JsonNode tier = Json.MAPPER.readTree(cascade.toFile()).get("tiers").get(1);
		assertThat(tier.get("name").asString()).isEqualTo("minilm-whole-int8");
		assertThat(tier.get("head").asString()).isEqualTo("../tier/minilm-whole-int8.delta.head.json");
		assertThat(tier.has("model")).as("the delta names its encoder").isFalse();
		assertThat(tier.has("tokenizer")).isFalse();
		bench("calibrate", "--cascade", cascade.toString(), "--data", slices[1].toString(), "--out",
				this.folder.resolve("calibrated/cascade.json").toString());
		// the benchmark's plain ONNX Runtime loop runs the rebuilt encoder too
		bench("benchmark", "--cascade", this.folder.resolve("calibrated/cascade.json").toString(), "--data",
				slices[1].toString(), "--threads", "1", "--batch-sizes", "8", "--repeats", "1");
	}

	@Test
	void ctrlCStopsAfterAStepKeepingTheCheckpointAndTheResumedRunEndsWithTheWeightsOfAnUnstoppedOne() throws Exception {
		Path[] slices = slices();
		List<String> options = List.of("fine-tune", "--encoder", "all-minilm-l6-v2", "--train", slices[0].toString(),
				"--dev", slices[1].toString(), "--epochs", "1", "--batch-size", "4", "--max-steps", "12", "--seed", "5",
				"--layers", "2", "--checkpoint-every", "100", "--name", "minilm-stop");
		Path unstopped = this.folder.resolve("unstopped");
		bench(with(options, "--checkpoint-dir", this.folder.resolve("unstopped-checkpoints"), "--out", unstopped));

		Path checkpoints = this.folder.resolve("checkpoints");
		Path stopped = this.folder.resolve("stopped");
		String[] stoppable = with(options, "--checkpoint-dir", checkpoints, "--out", stopped);
		BenchProcess run = BenchProcess.start(stoppable);
		run.await(() -> run.text().contains("step 1/12"));
		assertThat(run.text()).as("the run's output before the first step").contains("step 1/12");
		run.signal("INT");
		assertThat(run.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = run.output();

		assertThat(run.process().exitValue()).as(output).isEqualTo(StopOnShutdown.STOPPED);
		assertThat(output).contains("Stopping after the current step")
			.contains("the checkpoint in " + checkpoints + " is kept")
			.contains("tango bench fine-tune --encoder all-minilm-l6-v2");
		assertThat(checkpoints.resolve("checkpoint.bin")).exists();
		assertThat(stopped.resolve("minilm-stop.onnx")).doesNotExist();

		bench(stoppable);
		JsonNode provenance = Json.MAPPER.readTree(stopped.resolve("minilm-stop.training.json").toFile());
		long resumedFrom = provenance.at("/result/resumedFromStep").asLong();
		assertThat(resumedFrom).isBetween(1L, 11L);
		assertThat(provenance.at("/result/steps").asLong()).isEqualTo(12);
		assertThat(maxDifference(unstopped.resolve("minilm-stop.onnx"), stopped.resolve("minilm-stop.onnx")))
			.as("the largest weight difference, resumed from step %d", resumedFrom)
			.isLessThanOrEqualTo(1e-6);
		float[][] unstoppedHead = HeadFiles.read(unstopped.resolve("minilm-stop.head.json")).head().weights();
		float[][] stoppedHead = HeadFiles.read(stopped.resolve("minilm-stop.head.json")).head().weights();
		for (int c = 0; c < unstoppedHead.length; c++) {
			for (int i = 0; i < unstoppedHead[c].length; i++) {
				assertThat(Math.abs(stoppedHead[c][i] - unstoppedHead[c][i])).isLessThanOrEqualTo(1e-6f);
			}
		}
	}

	private static String[] with(List<String> options, String checkpointOption, Path checkpoints, String outOption,
			Path out) {
		List<String> all = new ArrayList<>(options);
		all.addAll(List.of(checkpointOption, checkpoints.toString(), outOption, out.toString()));
		return all.toArray(String[]::new);
	}

	/** Returns the largest difference between the float initializers of two graphs. */
	private static double maxDifference(Path first, Path second) throws IOException {
		Map<String, FloatTensor> a = OnnxModel.read(first).floatInitializers();
		Map<String, FloatTensor> b = OnnxModel.read(second).floatInitializers();
		assertThat(b.keySet()).isEqualTo(a.keySet());
		double max = 0;
		for (Map.Entry<String, FloatTensor> entry : a.entrySet()) {
			float[] x = entry.getValue().values();
			float[] y = b.get(entry.getKey()).values();
			for (int i = 0; i < x.length; i++) {
				max = Math.max(max, Math.abs(x[i] - y[i]));
			}
		}
		return max;
	}

}
