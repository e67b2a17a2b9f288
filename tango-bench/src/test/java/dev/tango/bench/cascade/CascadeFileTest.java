package dev.tango.bench.cascade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tango.bench.cascade.DescriptorBuilder.HeadTier;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.TrainingProvenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeFileTest {

	@TempDir
	Path folder;

	private DefaultArtifactSource source;

	@BeforeEach
	void source() {
		this.source = new DefaultArtifactSource(new ArtifactCache(this.folder.resolve("cache")),
				CascadeFileTest.class.getClassLoader());
	}

	static Path lexicalHead(Path file, String positiveWord) throws IOException {
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(6);
		float[][] weights = new float[2][spec.buckets()];
		int bucket = new dev.tango.runtime.lexical.LexicalFeaturizer(spec).features(TextInput.of(positiveWord))
			.indices()[0];
		weights[1][bucket] = 5;
		TrainingProvenance training = new TrainingProvenance("../data/train.tsv", "2".repeat(64), 100, 10, 42, 1e-4,
				List.of(1e-4), 0.9, 0.3, "test", "tango bench fit-lexical", Instant.EPOCH, Map.of("java", "21"));
		HeadFile head = new HeadFile(HeadKind.LEXICAL_LINEAR,
				new LinearHead(List.of("neg", "pos"), weights, new float[2]), null, spec, training);
		Files.createDirectories(file.getParent());
		HeadFiles.write(head, file);
		return file;
	}

	static Path encoderHead(Path file) throws IOException {
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		HeadFile head = new HeadFile(HeadKind.ENCODER_LINEAR,
				new LinearHead(List.of("neg", "pos"), new float[2][384], new float[2]), encoder.identity(), null, null);
		Files.createDirectories(file.getParent());
		HeadFiles.write(head, file);
		return file;
	}

	@Test
	void aDescriptorReadsAsRuntimeTiersWithItsUrisResolvedAgainstItsFolder() throws IOException {
		Path heads = this.folder.resolve("heads");
		List<HeadTier> tiers = List.of(HeadTier.read(lexicalHead(heads.resolve("words.head.json"), "great")),
				HeadTier.read(encoderHead(heads.resolve("minilm.head.json"))));
		Path descriptor = this.folder.resolve("cascades/demo/cascade.json");
		Json.write(DescriptorBuilder.build("demo", "a demo", tiers, descriptor.getParent(), 16, Map.of()), descriptor);

		CascadeFile file = CascadeFile.read(descriptor.toString(), this.source);

		assertThat(file.descriptor().name()).isEqualTo("demo");
		assertThat(file.json().get("format").asString()).isEqualTo("tango-cascade");
		assertThat(file.json().get("description").asString()).isEqualTo("a demo");
		TierSpec lexical = file.descriptor().tiers().get(0);
		assertThat(lexical.kind()).isEqualTo("lexical-linear");
		assertThat(lexical.name()).isEqualTo("words");
		assertThat(Path.of(lexical.requireArtifact("head").uri()))
			.isEqualTo(heads.resolve("words.head.json").toAbsolutePath());
		assertThat(lexical.settings().threshold()).isEqualTo(1.0);
		assertThat(lexical.batchSize()).isEqualTo(16);
		TierSpec encoder = file.descriptor().tiers().get(1);
		assertThat(encoder.kind()).isEqualTo("encoder-linear");
		assertThat(encoder.name()).isEqualTo("minilm");
		assertThat(Path.of(encoder.requireArtifact("head").uri()))
			.isEqualTo(heads.resolve("minilm.head.json").toAbsolutePath());
		assertThat(encoder.artifact("model")).isNull();
		assertThat(encoder.artifact("tokenizer")).isNull();
		assertThat(file.thresholds()).containsExactly(1.0);
		assertThat(file.json().get("tiers").get(1).get("head").asString()).isEqualTo("../../heads/minilm.head.json");
	}

	@Test
	void aRuntimeDescriptorReadsWithItsHeadsResolved() throws IOException {
		Path head = lexicalHead(this.folder.resolve("h/words.head.json"), "great");
		Path descriptor = this.folder.resolve("c/cascade.json");
		Json.write(DescriptorBuilder.build("demo", null, List.of(HeadTier.read(head), HeadTier.read(head)),
				descriptor.getParent(), 8, Map.of()), descriptor);
		CascadeFile file = CascadeFile.read(descriptor.toString(), this.source);
		assertThat(file.json().get("format").asString()).isEqualTo("tango-cascade");
		assertThat(file.descriptor().tiers()).extracting((tier) -> tier.requireArtifact("head").uri())
			.containsOnly(head.toAbsolutePath().toString());
	}

	@Test
	void aClasspathDescriptorResolvesRelativeUrisOnTheClasspath() throws IOException {
		CascadeFile file = CascadeFile.read("classpath:dev/tango/bench/cascade/classpath-cascade.json", this.source);
		assertThat(file.descriptor().tiers().get(0).requireArtifact("head").uri())
			.isEqualTo("classpath:dev/tango/bench/cascade/words.head.json");
		assertThat(file.descriptor().tiers().get(1).requireArtifact("head").uri())
			.isEqualTo("classpath:elsewhere/other.head.json");
		ObjectNode moved = file.withThresholds(this.folder, List.of(0.75), null, null);
		assertThat(moved.get("tiers").get(0).get("head").asString())
			.isEqualTo("classpath:dev/tango/bench/cascade/words.head.json");
	}

	@Test
	void newThresholdsChangeOnlyTheThresholdsAndKeepRelativeUrisPointingAtTheSameFiles() throws IOException {
		Path heads = this.folder.resolve("heads");
		List<HeadTier> tiers = List.of(HeadTier.read(lexicalHead(heads.resolve("a.head.json"), "great")),
				HeadTier.read(lexicalHead(heads.resolve("b.head.json"), "good")),
				HeadTier.read(lexicalHead(heads.resolve("c.head.json"), "fine")));
		Path descriptor = this.folder.resolve("one/cascade.json");
		Json.write(DescriptorBuilder.build("three", null, tiers, descriptor.getParent(), 4, Map.of()), descriptor);
		CascadeFile file = CascadeFile.read(descriptor.toString(), this.source);
		ObjectNode calibration = Json.MAPPER.createObjectNode().put("policy", "test");

		Path elsewhere = this.folder.resolve("two/deeper/cascade.json");
		Json.write(file.withThresholds(elsewhere.getParent(), List.of(0.6, 0.9), 32, calibration), elsewhere);
		CascadeFile moved = CascadeFile.read(elsewhere.toString(), this.source);

		assertThat(moved.thresholds()).containsExactly(0.6, 0.9);
		assertThat(moved.descriptor().tiers()).extracting(TierSpec::batchSize).containsOnly(32);
		assertThat(moved.descriptor().tiers()).extracting((tier) -> tier.requireArtifact("head").uri())
			.isEqualTo(file.descriptor().tiers().stream().map((tier) -> tier.requireArtifact("head").uri()).toList());
		assertThat(moved.json().get("calibration").get("policy").asString()).isEqualTo("test");
		assertThat(moved.json().get("tiers")).extracting((tier) -> tier.get("head").asString())
			.containsExactly("../../heads/a.head.json", "../../heads/b.head.json", "../../heads/c.head.json");
		assertThat(moved.descriptor().tiers()).extracting(TierSpec::name).containsExactly("a", "b", "c");
		assertThatThrownBy(() -> file.withThresholds(this.folder, List.of(0.5), null, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void openingRunsTheTiersWithTheChangesGiven() throws IOException {
		Path heads = this.folder.resolve("heads");
		List<HeadTier> tiers = List.of(HeadTier.read(lexicalHead(heads.resolve("words.head.json"), "great")),
				HeadTier.read(lexicalHead(heads.resolve("all.head.json"), "good")));
		Path descriptor = this.folder.resolve("cascade.json");
		Json.write(DescriptorBuilder.build("lexical", null, tiers, this.folder, 4, Map.of()), descriptor);
		CascadeFile file = CascadeFile.read(descriptor.toString(), this.source);
		try (LoadedCascade loaded = file.open(this.source, (tier) -> tier.withBatchSize(2))) {
			assertThat(loaded.tiers()).hasSize(2);
			assertThat(loaded.tiers().get(0).settings().batchSize()).isEqualTo(2);
			assertThat(loaded.tiers().get(0).tier().classify(List.of(TextInput.of("great stuff"))).get(0).logits()[1])
				.isGreaterThan(0);
		}
		try (LoadedCascade loaded = file.open(this.source, (tier) -> tier)) {
			assertThat(loaded.tiers()).extracting((tier) -> tier.settings().batchSize()).containsOnly(4);
		}
	}

	@Test
	void tiersOfKindsTheBenchCannotRunAndFilesInOtherFormatsAreRefusedByName() throws IOException {
		Path descriptor = this.folder.resolve("remote.json");
		Files.writeString(descriptor, """
				{ "format": "tango-cascade", "version": 1, "name": "r",
				  "tiers": [ { "kind": "triton-grpc", "model": "https://example.org/v2/models/x" } ] }
				""");
		assertThatThrownBy(() -> CascadeFile.read(descriptor.toString(), this.source)).isInstanceOf(IOException.class)
			.hasMessageContaining("triton-grpc");
		Files.writeString(descriptor, """
				{ "name": "r", "tiers": [ { "model": { "name": "far", "kind": "ENCODER_HEAD",
				  "artifacts": { "head": { "uri": "far.head.json" } }, "labels": ["a", "b"] } } ] }
				""");
		assertThatThrownBy(() -> CascadeFile.read(descriptor.toString(), this.source)).isInstanceOf(IOException.class)
			.hasMessageContaining("format");
		Files.writeString(descriptor, """
				{ "format": "tango-cascade", "version": 1, "name": "r", "tiers": [ { "kind": "encoder-linear" } ] }
				""");
		assertThatThrownBy(() -> CascadeFile.read(descriptor.toString(), this.source)).isInstanceOf(IOException.class)
			.hasMessageContaining("tiers[0]")
			.hasMessageContaining("head");
	}

}
