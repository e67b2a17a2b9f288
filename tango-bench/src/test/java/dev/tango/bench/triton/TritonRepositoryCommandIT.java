package dev.tango.bench.triton;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.bench.TangoBench;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.testsupport.CraftedOnnx;
import dev.tango.runtime.testsupport.Sst2MiniLm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code tango bench triton-repository} on real ONNX files: the config it writes names
 * exactly the inputs and outputs the model declares (names, data types, dims without the
 * batch dimension), batches dynamically up to the tier's batch size, and the remote tier
 * it writes is a valid {@code remote-oip} spec; an {@code encoder-linear} tier's encoder
 * and head become one graph whose logits are the tier's; models Triton cannot serve as a
 * classifier tier are refused with the reason.
 */
class TritonRepositoryCommandIT {

	private static final Pattern TENSOR = Pattern
		.compile("\\{\\s*name: \"([^\"]+)\"\\s*data_type: (\\w+)\\s*dims: \\[ ([^\\]]*) \\]\\s*}");

	@TempDir
	Path dir;

	@Test
	void writesTheModelAndAConfigOfItsRealInputsAndOutputs() throws IOException {
		Path model = CraftedOnnx.write(this.dir.resolve("big/model.onnx"), CraftedOnnx.declaringClassifierWidth(2));
		Files.writeString(this.dir.resolve("big/config.json"),
				"{\"id2label\": {\"0\": \"negative\", \"1\": \"positive\"}}");
		Path descriptor = Files.writeString(this.dir.resolve("cascade.json"), """
				{"format": "tango-cascade", "version": 1, "name": "crafted",
				 "tiers": [{"kind": "onnx-classifier", "name": "big-classifier", "model": "big/model.onnx",
				            "config": "big/config.json", "tokenizer": "%s", "batchSize": 16}]}
				""".formatted(BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerUri()));
		Path repository = this.dir.resolve("repository");

		assertThat(TangoBench.commandLine()
			.execute("triton-repository", "--cascade", descriptor.toString(), "--out", repository.toString())).isZero();

		Path folder = repository.resolve("big-classifier");
		assertThat(folder.resolve("1/model.onnx")).hasSameBinaryContentAs(model);
		String config = Files.readString(folder.resolve("config.pbtxt"));
		assertThat(config).startsWith("name: \"big-classifier\"\nbackend: \"onnxruntime\"\nmax_batch_size: 16\n");
		assertThat(section(config, "input")).containsExactly("input_ids TYPE_INT64 [-1]");
		assertThat(section(config, "output")).containsExactly("logits TYPE_FP32 [2]");
		assertThat(config).contains("preferred_batch_size: [ 8, 16 ]", "max_queue_delay_microseconds: 2000",
				"kind: KIND_GPU");

		JsonNode remote = JsonMapper.shared().readTree(folder.resolve("remote-tier.json").toFile());
		assertThat(remote.get("kind").asString()).isEqualTo("remote-oip");
		assertThat(remote.get("model").asString()).isEqualTo("http://triton:8000/v2/models/big-classifier");
		assertThat(remote.get("labels").asString()).isEqualTo("negative,positive");
		assertThat(remote.get("output").asString()).isEqualTo("logits");
		assertThat(remote.get("scores").asString()).isEqualTo("logits");
		CascadeSpec asCascade = CascadeDescriptor.parse(Files.newInputStream(Files.writeString(
				this.dir.resolve("remote.json"),
				"{\"format\": \"tango-cascade\", \"version\": 1, \"name\": \"remote\", \"tiers\": [" + remote + "]}")),
				"remote.json");
		assertThat(asCascade.tiers().get(0).artifact("tokenizer").uri())
			.isEqualTo(BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerUri());
	}

	@Test
	void describesARealTransformersThreeInputsAndItsHiddenStates() throws IOException {
		Path encoder = DefaultArtifactSource.create().file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null);
		ModelSignature signature = ModelSignature.read(OnnxModelFile.of(encoder));
		String config = new TritonModelConfig("minilm", signature, 32, 500, 2, false).pbtxt();

		assertThat(section(config, "input")).containsExactly("input_ids TYPE_INT64 [-1]",
				"attention_mask TYPE_INT64 [-1]", "token_type_ids TYPE_INT64 [-1]");
		assertThat(section(config, "output")).singleElement().asString().endsWith("TYPE_FP32 [-1, 384]");
		assertThat(config).contains("max_batch_size: 32", "preferred_batch_size: [ 8, 16, 32 ]",
				"max_queue_delay_microseconds: 500", "count: 2", "kind: KIND_CPU");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "MiniLM-L6 int8 with mean pooling, " + Sst2MiniLm.CASCADE + ", 0",
			"the default's bge-small int8 shipped as a delta with first-token pooling, "
					+ "classpath:tango/cascades/sst2-sentiment/cascade.json, 1" })
	void joinsAnEncoderLinearTierIntoOneGraphThatGivesItsLogits(String what, String cascade, int tier)
			throws IOException {
		Path repository = this.dir.resolve("repository");
		assertThat(TangoBench.commandLine()
			.execute("triton-repository", "--cascade", cascade, "--tier", String.valueOf(tier), "--name", "joined",
					"--out", repository.toString(), "--cpu"))
			.isZero();

		Path folder = repository.resolve("joined");
		String config = Files.readString(folder.resolve("config.pbtxt"));
		assertThat(section(config, "input")).containsExactly("input_ids TYPE_INT64 [-1]",
				"attention_mask TYPE_INT64 [-1]", "token_type_ids TYPE_INT64 [-1]");
		assertThat(section(config, "output")).containsExactly("logits TYPE_FP32 [2]");
		assertThat(config).contains("max_batch_size: 32", "kind: KIND_CPU");
		JsonNode remote = JsonMapper.shared().readTree(folder.resolve("remote-tier.json").toFile());
		Files.writeString(this.dir.resolve("config.json"),
				"{\"id2label\": {\"0\": \"" + remote.get("labels").asString().replace(",", "\", \"1\": \"") + "\"}}");
		Path joined = Files.writeString(this.dir.resolve("joined.json"), """
				{"format": "tango-cascade", "version": 1, "name": "joined",
				 "tiers": [{"kind": "onnx-classifier", "model": "repository/joined/1/model.onnx",
				            "config": "config.json", "tokenizer": "%s", "maxTokens": %s}]}
				""".formatted(remote.get("tokenizer").asString(), remote.get("maxTokens").asString()));
		List<TextInput> inputs = LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "dev.tsv"))
			.slice(0, 48)
			.inputs();
		DefaultArtifactSource source = DefaultArtifactSource.create();
		try (LoadedCascade original = CascadeFile.read(cascade, source).open(source, UnaryOperator.identity());
				LoadedCascade served = new CascadeLoader(source).load(joined)) {
			assertThat(served.tiers().get(0).tier().labels()).isEqualTo(original.tiers().get(tier).tier().labels());
			List<Scores> expected = original.tiers().get(tier).tier().classify(inputs);
			List<Scores> actual = served.tiers().get(0).tier().classify(inputs);
			for (int i = 0; i < inputs.size(); i++) {
				float[] want = expected.get(i).logits();
				float[] got = actual.get(i).logits();
				for (int c = 0; c < want.length; c++) {
					assertThat(got[c]).as("input %d logit %d", i, c).isCloseTo(want[c], within(1e-4f));
				}
			}
		}
	}

	@Test
	void refusesTiersTritonCannotServeAsAClassifier() throws IOException {
		assertThat(refusal("--cascade", "classpath:tango/cascades/sst2-sentiment/cascade.json", "--tier", "0"))
			.contains("Tier 0 (lexical-linear): a tier of kind lexical-linear is not one ONNX graph");
		Path descriptor = Files.writeString(this.dir.resolve("encoder.json"), """
				{"format": "tango-cascade", "version": 1, "name": "encoder",
				 "labels": ["0", "1"],
				 "tiers": [{"kind": "onnx-classifier", "name": "encoder", "model": "%s", "tokenizer": "%s"}]}
				""".formatted(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(),
				BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerUri()));
		assertThat(refusal("--cascade", descriptor.toString())).contains("has no output 'logits'");
		assertThat(refusal("--cascade", descriptor.toString(), "--endpoint", "notaurl"))
			.contains("--endpoint notaurl must be an http or https address with a host");
		String bundled = "classpath:tango/cascades/sst2-sentiment/cascade.json";
		assertThat(refusal("--cascade", bundled, "--instances", "0")).contains("--instances must be at least 1, was 0");
		assertThat(refusal("--cascade", bundled, "--batch-size", "0"))
			.contains("--batch-size must be at least 1, was 0");
		assertThat(refusal("--cascade", bundled, "--max-queue-delay-micros", "-1"))
			.contains("--max-queue-delay-micros must be 0 or more, was -1");
		assertThat(this.dir.resolve("repository")).doesNotExist();
	}

	private String refusal(String... options) {
		StringWriter err = new StringWriter();
		CommandLine command = TangoBench.commandLine().setErr(new PrintWriter(err));
		List<String> arguments = new ArrayList<>(
				List.of("triton-repository", "--out", this.dir.resolve("repository").toString()));
		arguments.addAll(List.of(options));
		assertThat(command.execute(arguments.toArray(String[]::new))).isNotZero();
		return err.toString();
	}

	/** Returns the tensors of a config section as "name type [dims]". */
	private static List<String> section(String config, String field) {
		int start = config.indexOf("\n" + field + " [\n");
		assertThat(start).as(field + " section").isNotNegative();
		int end = config.indexOf("\n]\n", start);
		Matcher tensors = TENSOR.matcher(config.substring(start, end));
		List<String> found = new ArrayList<>();
		while (tensors.find()) {
			found.add(tensors.group(1) + " " + tensors.group(2) + " [" + tensors.group(3) + "]");
		}
		return found;
	}

}
