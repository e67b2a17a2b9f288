package dev.tango.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.bench.calibrate.CurveFile;
import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.data.TsvWriter;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static dev.tango.bench.testsupport.Bench.SST2;
import static dev.tango.bench.testsupport.Bench.bench;
import static dev.tango.bench.testsupport.Bench.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The commands end to end on slices of SST-2 (240 rows to fit on, 200 to calibrate and
 * evaluate on): split, fit a lexical and a MiniLM head, write the descriptor, calibrate,
 * evaluate, plot and benchmark briefly; distil a lexical student from a tier of the
 * bundled cascade.
 */
class BenchCommandsIT {

	@TempDir
	static Path folder;

	private static Path dev;

	@BeforeAll
	static void slices() throws IOException {
		TsvWriter.write(LabelledDataset.read(SST2.resolve("train.tsv")).slice(0, 300), folder.resolve("train.tsv"));
		dev = folder.resolve("dev.tsv");
		TsvWriter.write(LabelledDataset.read(SST2.resolve("dev.tsv")).slice(0, 200), dev);
	}

	@Test
	void aLexicalStudentIsDistilledFromATierOfTheBundledCascade() throws IOException {
		Path unlabelled = Files.write(folder.resolve("unlabelled.txt"),
				LabelledDataset.read(dev).inputs().stream().map((input) -> input.text()).toList());
		Path out = folder.resolve("distilled");
		bench("distil", "--student", "lexical", "--teacher", Sst2MiniLm.CASCADE, "--teacher-tier", "1", "--train",
				folder.resolve("train.tsv").toString(), "--unlabelled", unlabelled.toString(), "--temperature", "3",
				"--alpha", "0.25", "--bucket-bits", "12", "--l2-grid", "1e-3,1e-5", "--augment", "2", "--out",
				out.toString());
		HeadFile head = HeadFiles.read(out.resolve("lexical.head.json"));
		assertThat(head.head().labels()).containsExactly("0", "1");
		assertThat(head.training().command()).startsWith("tango bench distil --student lexical");
		assertThat(head.training().rows()).isEqualTo(300);
		var distillation = head.training().distillation();
		assertThat(distillation.teacher()).isEqualTo(Sst2MiniLm.CASCADE + "#sst2-minilm-l6-q");
		assertThat(distillation.temperature()).isEqualTo(3);
		assertThat(distillation.alpha()).isEqualTo(0.25);
		assertThat(distillation.unlabelledRows()).isEqualTo(200);
		// two variants of each of the 270 labelled rows fitted on and the 200 unlabelled
		// texts (fewer of
		// one-word texts), none of the 30 held out
		assertThat(distillation.augmentPerText()).isEqualTo(2);
		assertThat(distillation.augmentedRows()).isBetween(900, 940);
		assertThat(TangoBench.commandLine()
			.execute("distil", "--student", "lexical", "--teacher", Sst2MiniLm.CASCADE, "--teacher-tier", "nope",
					"--train", folder.resolve("train.tsv").toString(), "--out", out.toString()))
			.isEqualTo(1);
		// an option of the other student, or a setting out of range, is refused by its
		// option
		String train = folder.resolve("train.tsv").toString();
		assertThat(refused("distil", "--student", "LEXICAL", "--teacher", Sst2MiniLm.CASCADE, "--train", train,
				"--layers", "2", "--epochs", "1", "--out", out.toString()))
			.contains("--layers, --epochs do not apply to a lexical student");
		assertThat(refused("distil", "--student", "transformer", "--teacher", Sst2MiniLm.CASCADE, "--train", train,
				"--bucket-bits", "12", "--out", out.toString()))
			.contains("--bucket-bits does not apply to a transformer student");
		assertThat(refused("distil", "--student", "lexical", "--teacher", Sst2MiniLm.CASCADE, "--train", train,
				"--alpha", "3", "--out", out.toString()))
			.contains("error: --alpha must lie in [0, 1], was 3.0");
		assertThat(refused("fine-tune", "--encoder", "all-minilm-l6-v2", "--train", train, "--warmup", "2", "--out",
				out.toString()))
			.contains("error: --warmup must lie in [0, 1), was 2.0");
	}

	@Test
	void headsAreFittedAndTheCascadeCalibratedEvaluatedPlottedAndBenchmarked() throws IOException {
		Path split = folder.resolve("split");
		bench("split", "--data", folder.resolve("train.tsv").toString(), "--holdout", "0.2", "--seed", "7", "--out-dir",
				split.toString());
		assertThat(LabelledDataset.read(split.resolve("fit.tsv")).size()).isEqualTo(240);
		assertThat(LabelledDataset.read(split.resolve("holdout.tsv")).size()).isEqualTo(60);

		Path heads = folder.resolve("heads");
		bench("fit-lexical", "--train", split.resolve("fit.tsv").toString(), "--bucket-bits", "12", "--out",
				heads.resolve("words.head.json").toString());
		bench("fit-head", "--encoder", "all-minilm-l6-v2-q", "--train", split.resolve("fit.tsv").toString(),
				"--l2-grid", "1e-2,1e-4", "--out", heads.resolve("minilm.head.json").toString());
		HeadFile minilm = HeadFiles.read(heads.resolve("minilm.head.json"));
		assertThat(minilm.training().command()).startsWith("tango bench fit-head --encoder all-minilm-l6-v2-q");
		assertThat(minilm.training().rows()).isEqualTo(240);

		Path cascade = folder.resolve("cascade/cascade.json");
		bench("cascade", "--name", "it", "--head", heads.resolve("words.head.json").toString(), "--head",
				heads.resolve("minilm.head.json").toString(), "--batch-size", "16", "--display-name", "0=negative",
				"--display-name", "1=positive", "--out", cascade.toString());
		Path unloadable = folder.resolve("unloadable/cascade.json");
		for (String[] wrong : new String[][] { { "it", "--batch-size", "0" }, { "it", "--display-name", "0=" },
				{ " ", "--batch-size", "16" } }) {
			assertThat(TangoBench.commandLine()
				.execute("cascade", "--name", wrong[0], "--head", heads.resolve("words.head.json").toString(), wrong[1],
						wrong[2], "--out", unloadable.toString()))
				.as("a descriptor the runtime would refuse, named '%s', with %s %s", (Object[]) wrong)
				.isEqualTo(1);
		}
		assertThat(unloadable).doesNotExist();
		Path words = heads.resolve("words.head.json");
		assertThat(refused("cascade", "--name", " ", "--head", words.toString(), "--out", unloadable.toString()))
			.contains("the descriptor it would write to " + unloadable + ": $.name: must not be blank");
		assertThat(refused("cascade", "--name", "twice", "--head", words.toString(), "--head", words.toString(),
				"--out", unloadable.toString()))
			.contains("--head " + words + " is given twice");
		assertThat(refused("evaluate", "--cascade", cascade.toString(), "--data", split.toString()))
			.contains(split + ": a folder, where a file is expected");

		Path calibrated = folder.resolve("calibrated/cascade.json");
		Path calibrationJson = folder.resolve("calibration.json");
		// the admin's messages, in the options' names
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--policy",
				"escalation-budget", "--out", calibrated.toString()))
			.contains("error: --max-escalation is required by the escalation-budget policy");
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--policy",
				"escalation-budget", "--max-escalation", "0.5", "--max-drop", "0.2", "--out", calibrated.toString()))
			.contains("error: --max-drop does not apply to the escalation-budget policy");
		assertThat(calibrated).doesNotExist();
		bench("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--max-drop", "0.02",
				"--compare-levels", "0.5", "--out", calibrated.toString(), "--json", calibrationJson.toString());
		JsonNode descriptor = Json.MAPPER.readTree(calibrated.toFile());
		JsonNode record = descriptor.get("calibration");
		double threshold = descriptor.get("tiers").get(0).get("threshold").asDouble();
		assertThat(record.get("chosen").get("thresholds").get(0).asDouble()).isEqualTo(threshold);
		assertThat(record.get("confidenceLevel").asDouble()).isEqualTo(AccuracyBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL);
		assertThat(record.get("command").asString()).startsWith("tango bench calibrate");
		assertThat(descriptor.get("tiers").get(1).get("head").asString()).isEqualTo("../heads/minilm.head.json");
		assertThat(descriptor.get("labels").toString()).as("display names kept; calibrated on 0/1 data")
			.isEqualTo("[{\"id\":\"0\",\"displayName\":\"negative\"},{\"id\":\"1\",\"displayName\":\"positive\"}]");
		assertThat(record.get("lastTierAccuracy").asDouble()).isGreaterThan(0.6);
		List<CurveFile.Row> curve = CurveFile.read(calibrated.resolveSibling("curve.csv"));
		assertThat(curve).filteredOn(CurveFile.Row::chosen)
			.singleElement()
			.satisfies((row) -> assertThat(row.thresholds()).containsExactly(threshold));
		assertThat(Json.MAPPER.readTree(calibrationJson.toFile()).get("choices")).hasSize(2);
		assertThat(Json.MAPPER.readTree(calibrationJson.toFile()).get("heldOut").get("validation").asString())
			.isEqualTo("10-fold cross-fitting");
		assertThat(
				Json.MAPPER.readTree(calibrationJson.toFile()).get("heldOut").get("point").get("accuracy").asDouble())
			.isBetween(0.0, 1.0);

		// no command writes over a file it reads, or over another of its outputs; a
		// refusal comes before anything is written
		Path lexicalHead = heads.resolve("words.head.json");
		byte[] lexicalBytes = Files.readAllBytes(lexicalHead);
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--out",
				folder.resolve("other/cascade.json").toString(), "--curve", lexicalHead.toString()))
			.contains("--curve " + lexicalHead + " is the input");
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--out",
				folder.resolve("other/cascade.json").toString(), "--json", cascade.toString()))
			.contains("--json " + cascade + " is the input");
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--out",
				folder.resolve("other/cascade.json").toString(), "--json",
				folder.resolve("other/curve.csv").toString()))
			.contains("is also the file of --curve");
		assertThat(refused("calibrate", "--cascade", cascade.toString(), "--data", dev.toString(), "--compare-levels",
				"2", "--out", folder.resolve("other/cascade.json").toString()))
			.contains("--compare-levels: each level must lie in [0.5, 1), was 2.0");
		assertThat(folder.resolve("other/cascade.json")).doesNotExist();
		assertThat(folder.resolve("other/curve.csv")).doesNotExist();
		assertThat(lexicalHead).hasBinaryContent(lexicalBytes);
		byte[] calibratedBytes = Files.readAllBytes(calibrated);
		assertThat(refused("evaluate", "--cascade", calibrated.toString(), "--data", dev.toString(), "--out",
				calibrated.toString()))
			.contains("--out " + calibrated + " is the input");
		assertThat(calibrated).hasBinaryContent(calibratedBytes);

		Path evaluation = folder.resolve("evaluation.json");
		bench("evaluate", "--cascade", calibrated.toString(), "--data", dev.toString(), "--thresholds", "0", "--out",
				folder.resolve("evaluation.md").toString(), "--json", evaluation.toString());
		JsonNode evaluated = Json.MAPPER.readTree(evaluation.toFile());
		assertThat(evaluated.get("atThresholds").get("accuracy").asDouble())
			.isCloseTo(record.get("chosen").get("accuracy").asDouble(), within(1e-6));
		assertThat(evaluated.get("tiers").get(0).get("accuracy").asDouble())
			.isEqualTo(evaluated.get("others").get(0).get("accuracy").asDouble());
		assertThat(evaluated.get("engine").get("reach").get(0).asDouble())
			.isCloseTo(evaluated.get("atThresholds").get("reach").get(0).asDouble(), within(1e-9));
		assertThat(Files.readString(folder.resolve("evaluation.md"))).contains("| 2 | minilm |");

		Path svg = folder.resolve("curve.svg");
		bench("plot", "--curve", calibrated.resolveSibling("curve.csv").toString(), "--out", svg.toString());
		assertThat(Files.readString(svg)).contains("id=\"accuracy-line\"", "id=\"escalation-line\"", "id=\"chosen\"");

		Path report = folder.resolve("benchmark.md");
		bench("benchmark", "--cascade", calibrated.toString(), "--data", dev.toString(), "--limit", "48",
				"--batch-sizes", "16", "--threads", "1", "--repeats", "1", "--out", report.toString());
		assertThat(Files.readString(report)).contains("plain ONNX Runtime, sorted by length", "| 1 | 16 |",
				"after loading the cascade", "efficiency by tokens", "tokens tier 2", "Where the cascade's time goes");
		assertThat(refused("benchmark", "--cascade", calibrated.toString(), "--data", dev.toString(), "--repeats", "0"))
			.contains("--repeats must be at least 1, was 0");
		assertThat(refused("benchmark", "--cascade", calibrated.toString(), "--data", dev.toString(), "--limit", "0"))
			.contains("--limit must be at least 1, was 0");
		// benchmark runs every tier at each of --batch-sizes: it has no --batch-size
		StringWriter usage = new StringWriter();
		assertThat(TangoBench.commandLine()
			.setErr(new PrintWriter(usage))
			.execute("benchmark", "--cascade", calibrated.toString(), "--data", dev.toString(), "--batch-size", "4"))
			.isEqualTo(2);
		assertThat(usage.toString()).contains("Unknown options: '--batch-size'", "Possible solutions: --batch-sizes");
	}

}
