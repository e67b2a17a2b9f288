package dev.tango.runtime.cascade;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.CascadeFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CascadeLoaderTest {

	private final CascadeFolder folder;

	CascadeLoaderTest(@TempDir Path dir) {
		this.folder = new CascadeFolder(dir);
	}

	@Test
	void opensLexicalTiersWithHeadPathsRelativeToTheDescriptor() throws IOException {
		writeHead("heads/first.json", List.of("neg", "pos"));
		writeHead("heads/second.json", List.of("neg", "pos"));
		Path descriptor = this.folder.descriptor("pair", """
				{"kind": "lexical-linear", "head": "heads/first.json", "threshold": 0.9},
				{"kind": "lexical-linear", "name": "last", "head": "heads/second.json", "batchSize": 8}""");
		try (LoadedCascade cascade = this.folder.loader().load(descriptor)) {
			assertThat(cascade.name()).isEqualTo("pair");
			assertThat(Label.ids(cascade.labels())).containsExactly("neg", "pos");
			assertThat(cascade.tiers()).hasSize(2);
			LoadedTier first = cascade.tiers().get(0);
			assertThat(first.tier().name()).isEqualTo("lexical+first");
			assertThat(first.settings().batchSize()).isEqualTo(first.tier().preferredBatchSize());
			assertThat(first.settings().threshold()).isEqualTo(0.9);
			assertThat(cascade.tiers().get(1).tier().name()).isEqualTo("last");
			assertThat(cascade.tiers().get(1).settings().batchSize()).isEqualTo(8);
			assertThat(first.tier().classify(List.of(TextInput.of("good")))).hasSize(1);
		}
	}

	@Test
	void refusesTiersWithTheSameLabelsInAnotherOrderAndNamesBothLists() throws IOException {
		writeHead("a.json", List.of("neg", "pos"));
		writeHead("b.json", List.of("pos", "neg"));
		Path descriptor = this.folder.descriptor("reordered", """
				{"kind": "lexical-linear", "name": "first", "head": "a.json", "threshold": 0.9},
				{"kind": "lexical-linear", "name": "second", "head": "b.json"}""");
		assertThatThrownBy(() -> this.folder.loader().load(descriptor)).isInstanceOf(TierOpenException.class)
			.hasMessageContaining(
					"Tier 2 (lexical-linear): tier second has labels [pos, neg], tier first has [neg, pos]")
			.hasMessageContaining("the same labels in the same order")
			.satisfies((ex) -> assertThat(((TierOpenException) ex).tierIndex()).isEqualTo(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void refusesACascadeItCannotOpen(String what, Map<String, List<String>> heads, String tiers, List<String> message)
			throws IOException {
		for (Map.Entry<String, List<String>> head : heads.entrySet()) {
			writeHead(head.getKey(), head.getValue());
		}
		Path descriptor = this.folder.descriptor("bad", tiers);
		assertThatThrownBy(() -> this.folder.loader().load(descriptor)).isInstanceOf(IOException.class)
			.hasMessageContainingAll(message.toArray(String[]::new));
	}

	static Stream<Arguments> refusesACascadeItCannotOpen() {
		return Stream.of(arguments("tiers with different labels",
				Map.of("a.json", List.of("neg", "pos"), "b.json", List.of("neg", "neutral", "pos")), """
						{"kind": "lexical-linear", "head": "a.json", "threshold": 0.9},
						{"kind": "lexical-linear", "head": "b.json"}""", List.of("has labels [neg, neutral, pos]")),
				arguments("a head of another kind, naming the tier", Map.of("a.json", List.of("neg", "pos")), """
						{"kind": "encoder-linear", "head": "a.json"}""",
						List.of("Tier 1 (encoder-linear)", "is lexical-linear, expected encoder-linear")),
				arguments("a missing head file", Map.of(), """
						{"kind": "lexical-linear", "head": "absent.json"}""", List.of("absent.json")));
	}

	@Test
	void aSpecThatNamesLabelsOpensOnlyATierWithThoseLabelsInThatOrder() throws IOException {
		writeHead("a.json", List.of("neg", "pos"));
		TierSpec spec = new TierSpec("lexical-linear", "words",
				Map.of("head", TierArtifact.of(this.folder.dir().resolve("a.json").toString())),
				Label.of(List.of("pos", "neg")), Map.of(), OrtOptions.defaults(), 4, StageSettings.answering(4),
				Duration.ofMillis(3));
		assertThatThrownBy(() -> this.folder.loader().open(new CascadeSpec("ordered", List.of(spec))))
			.isInstanceOf(TierOpenException.class)
			.hasMessageContaining("Tier 1 (lexical-linear): the tier has labels [neg, pos], its spec says [pos, neg]")
			.satisfies((ex) -> assertThat(((TierOpenException) ex).tierIndex()).isZero());
		TierSpec matching = new TierSpec("lexical-linear", "words", spec.artifacts(), Label.of(List.of("neg", "pos")),
				Map.of(), OrtOptions.defaults(), 4, StageSettings.answering(4), Duration.ofMillis(3));
		try (LoadedCascade cascade = this.folder.loader().open(new CascadeSpec("ordered", List.of(matching)))) {
			LoadedTier tier = cascade.tiers().get(0);
			assertThat(tier.settings()).isEqualTo(StageSettings.answering(4));
			assertThat(tier.maxBatchDelay()).isEqualTo(Duration.ofMillis(3));
			assertThat(tier.threadsPerCall()).isEqualTo(1);
		}
	}

	@Test
	void displayNamesComeFromTheSpecsAndNoLabelIsShownByTwoNames() throws IOException {
		writeHead("a.json", List.of("neg", "pos"));
		TierSpec plain = lexical(List.of(), 0.5);
		TierSpec named = lexical(List.of(new Label("neg", "negative"), new Label("pos", "positive")), 0.0);
		try (LoadedCascade cascade = this.folder.loader().open(new CascadeSpec("named", List.of(plain, named)))) {
			assertThat(cascade.tiers().get(0).labels()).isEqualTo(Label.of(List.of("neg", "pos")));
			assertThat(cascade.tiers().get(1).labels()).isEqualTo(named.labels());
			assertThat(cascade.tiers().get(1).tier().labels()).as("the tier reports identifiers")
				.containsExactly("neg", "pos");
			assertThat(cascade.labels()).as("the names a later tier gives").isEqualTo(named.labels());
		}
		TierSpec other = lexical(List.of(new Label("neg", "bad"), new Label("pos", "positive")), 0.5);
		assertThatThrownBy(() -> this.folder.loader().open(new CascadeSpec("conflict", List.of(other, named))))
			.isInstanceOf(TierOpenException.class)
			.hasMessageContaining("Tier 2 (lexical-linear): label 'neg' is shown as 'bad' and as 'negative'");
	}

	private TierSpec lexical(List<Label> labels, double threshold) {
		return new TierSpec("lexical-linear", null,
				Map.of("head", TierArtifact.of(this.folder.dir().resolve("a.json").toString())), labels, Map.of(),
				OrtOptions.defaults(), null, new StageSettings(1, ConfidenceMeasure.MAX_PROBABILITY, 1, threshold),
				Duration.ZERO);
	}

	@Test
	void anUnknownKindIsRefusedBeforeAnyTierOpens() throws IOException {
		writeHead("a.json", List.of("neg", "pos"));
		TierSpec lexical = new TierSpec("lexical-linear", null,
				Map.of("head", TierArtifact.of(this.folder.dir().resolve("a.json").toString())), List.of(), Map.of(),
				OrtOptions.defaults(), null, new StageSettings(1, ConfidenceMeasure.MAX_PROBABILITY, 1, 0.5),
				Duration.ZERO);
		TierSpec remote = new TierSpec("triton-grpc", null, Map.of(), List.of(), Map.of(), OrtOptions.defaults(), null,
				StageSettings.answering(1), Duration.ZERO);
		assertThatThrownBy(() -> this.folder.loader().open(new CascadeSpec("remote", List.of(lexical, remote))))
			.isInstanceOf(TierOpenException.class)
			.hasMessageContaining("Tier 2 (triton-grpc): kind: tier kind 'triton-grpc' is not available in this build");
	}

	private void writeHead(String relative, List<String> labels) throws IOException {
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(8);
		float[][] weights = new float[labels.size()][spec.buckets()];
		weights[0][3] = 1f;
		HeadFiles.write(new HeadFile(HeadKind.LEXICAL_LINEAR, new LinearHead(labels, weights, new float[labels.size()]),
				null, spec, null), this.folder.dir().resolve(relative));
	}

}
