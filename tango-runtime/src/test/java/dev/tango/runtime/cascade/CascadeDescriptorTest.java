package dev.tango.runtime.cascade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.confidence.ConfidenceMeasures;
import dev.tango.core.tier.Label;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CascadeDescriptorTest {

	@Test
	void parsesTiersWithTheirSettings() throws IOException {
		CascadeSpec descriptor = parse("""
				{
				  "format": "tango-cascade", "version": 1, "name": "sst2",
				  "tiers": [
				    {"kind": "lexical-linear", "head": "heads/lexical.json", "threshold": 0.95,
				     "confidence": "margin", "temperature": 1.5},
				    {"kind": "encoder-linear", "name": "minilm", "head": "classpath:heads/minilm.json", "batchSize": 32,
				     "threshold": 0.8,
				     "onnxRuntime": {"intraOpThreads": 2, "optimization": "all", "memoryArena": false, "concurrency": 3,
				                     "activationQuantization": "per-token"}},
				    {"kind": "onnx-classifier", "directory": "/models/bert"}
				  ]
				}""");
		assertThat(descriptor.name()).isEqualTo("sst2");
		assertThat(descriptor.tiers()).extracting(TierSpec::kind)
			.containsExactly("lexical-linear", "encoder-linear", "onnx-classifier");
		TierSpec lexical = descriptor.tiers().get(0);
		assertThat(lexical.settings().measure()).isEqualTo(ConfidenceMeasure.MARGIN);
		assertThat(lexical.settings().temperature()).isEqualTo(1.5);
		assertThat(lexical.settings().threshold()).isEqualTo(0.95);
		assertThat(lexical.batchSize()).isNull();
		TierSpec encoder = descriptor.tiers().get(1);
		assertThat(encoder.name()).isEqualTo("minilm");
		assertThat(encoder.artifact("model")).isNull();
		assertThat(encoder.batchSize()).isEqualTo(32);
		assertThat(encoder.settings().measure()).isEqualTo(ConfidenceMeasure.MAX_PROBABILITY);
		assertThat(encoder.onnxRuntime())
			.isEqualTo(new OrtOptions(2, 1, GraphOptimization.ALL, false, 3, ActivationQuantization.PER_TOKEN));
		TierSpec classifier = descriptor.tiers().get(2);
		assertThat(classifier.artifact("model")).isEqualTo(TierArtifact.of("/models/bert/model.onnx"));
		assertThat(classifier.artifact("tokenizer")).isEqualTo(TierArtifact.of("/models/bert/tokenizer.json"));
		assertThat(classifier.artifact("config")).isEqualTo(TierArtifact.of("/models/bert/config.json"));
		assertThat(classifier.settings().threshold()).isZero();
		assertThat(classifier.onnxRuntime()).isEqualTo(OrtOptions.defaults());
	}

	@Test
	void theCascadesLabelsGiveEveryTierItsIdentifiersAndDisplayNames() throws IOException {
		CascadeSpec descriptor = parse("""
				{"format": "tango-cascade", "version": 1, "name": "sst2",
				 "labels": [{"id": "0", "displayName": "negative"}, "1"],
				 "tiers": [{"kind": "lexical-linear", "head": "a.json", "threshold": 0.9},
				           {"kind": "encoder-linear", "head": "b.json"}]}""");
		assertThat(descriptor.tiers()).extracting(TierSpec::labels)
			.containsOnly(List.of(new Label("0", "negative"), Label.of("1")));
		assertThat(
				parse("""
						{"format": "tango-cascade", "version": 1, "name": "x", "tiers": [{"kind": "lexical-linear", "head": "a.json"}]}""")
					.tiers()
					.get(0)
					.labels())
			.as("the artifacts' labels, when the descriptor names none")
			.isEmpty();
		String template = """
				{"format": "tango-cascade", "version": 1, "name": "x", "labels": %s,
				 "tiers": [{"kind": "lexical-linear", "head": "a.json"}]}""";
		assertThatThrownBy(() -> parse(template.formatted("[{\"displayName\": \"negative\"}, \"1\"]")))
			.isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("labels[0]")
			.hasMessageContaining("id: required");
		assertThatThrownBy(() -> parse(template.formatted("[\"0\", 1]")))
			.hasMessageContaining("$.labels[1]: expected a label");
		assertThatThrownBy(() -> parse(template.formatted("[{\"id\": \"0\", \"displayName\": \"1\"}, \"1\"]")))
			.hasMessageContaining("$.labels: Two labels of [0 (1), 1] are shown as '1'");
	}

	@Test
	void requiresAThresholdOnEveryTierButTheLast() {
		assertThatThrownBy(() -> parse("""
				{"format": "tango-cascade", "version": 1, "name": "x", "tiers": [
				  {"kind": "lexical-linear", "head": "a.json"}, {"kind": "lexical-linear", "head": "b.json"}]}"""))
			.isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("$.tiers[0].threshold: required for every tier but the last");
	}

	@ParameterizedTest
	@MethodSource
	void refusesInvalidSettings(String tiers, String message) {
		String descriptor = """
				{"format": "tango-cascade", "version": 1, "name": "x", "tiers": [%s]}""".formatted(tiers);
		assertThatThrownBy(() -> parse(descriptor)).hasMessageContaining(message);
	}

	static Stream<Arguments> refusesInvalidSettings() {
		return Stream.of(arguments("{\"kind\": \"magic\"}", "$.tiers[0].kind"),
				arguments("{\"kind\": \"lexical-linear\"}", "$.tiers[0].head: required"),
				arguments("{\"kind\": \"lexical-linear\", \"head\": \"h\", \"model\": \"m\"}",
						"$.tiers[0].model: not used by a lexical-linear tier"),
				arguments("{\"kind\": \"encoder-linear\", \"head\": \"h\", \"model\": \"m\"}",
						"both 'model' and 'tokenizer'"),
				arguments("{\"kind\": \"lexical-linear\", \"head\": \"h\", \"confidence\": \"vibes\"}",
						"Unknown confidence measure 'vibes'"),
				arguments("{\"kind\": \"lexical-linear\", \"head\": \"h\", \"threshold\": 1.5}",
						"threshold must lie in [0, 1]"),
				arguments("{\"kind\": \"lexical-linear\", \"head\": \"h\", \"temperature\": 0}",
						"temperature must be a positive number"),
				arguments("{\"kind\": \"lexical-linear\", \"head\": \"h\", \"batchSize\": 0}",
						"$.tiers[0].batchSize: must be at least 1"),
				arguments(
						"{\"kind\": \"encoder-linear\", \"head\": \"h\", \"onnxRuntime\": {\"optimization\": \"max\"}}",
						"Unknown graph optimisation 'max'"),
				arguments("", "at least one tier"));
	}

	@Test
	void refusesAnotherVersion() {
		assertThatThrownBy(
				() -> parse("{\"format\": \"tango-cascade\", \"version\": 9, \"name\": \"x\", \"tiers\": []}"))
			.hasMessageContaining("version 9");
	}

	@Test
	void namesConfidenceMeasuresInKebabCase() {
		for (ConfidenceMeasure measure : ConfidenceMeasures.all()) {
			assertThat(ConfidenceMeasures.of(ConfidenceMeasures.id(measure))).isEqualTo(measure);
		}
		assertThat(ConfidenceMeasures.id(ConfidenceMeasure.MAX_PROBABILITY)).isEqualTo("max-probability");
	}

	static CascadeSpec parse(String json) throws IOException {
		return CascadeDescriptor.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
	}

}
