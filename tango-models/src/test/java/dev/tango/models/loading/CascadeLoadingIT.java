package dev.tango.models.loading;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.artifact.HostResolver;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.plugin.VocabularyKind;
import dev.tango.models.seed.CascadeSeeder;
import dev.tango.models.testsupport.PostgresTestConfiguration;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.InitializerDiff;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cascades registered from descriptors on PostgreSQL and loaded into real tiers: a
 * lexical head and a head on the bundled MiniLM encoder, both fitted here on 400 rows of
 * SST-2 and read through {@code file:} URIs, and a tiny exported classifier on the class
 * path. No host name is ever looked up.
 */
@SpringBootTest(classes = CascadeLoadingIT.TestApplication.class,
		properties = { "tango.registry.seed=", "tango.artifacts.allowed-roots=" + CascadeLoadingIT.ROOT,
				"tango.artifacts.store=target/artifacts-loading", "tango.runtime.concurrency=1" })
@Import({ PostgresTestConfiguration.class, CascadeLoadingIT.RecordingHosts.class })
class CascadeLoadingIT {

	static final String ROOT = "target/cascade-loading";

	static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

	static Path heads;

	@Autowired
	ModelRegistry registry;

	@Autowired
	CascadeVersionLoader loader;

	@Autowired
	ModelResolver resolver;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ResourceLoader resources;

	@Autowired
	ArtifactUriValidator validator;

	@BeforeAll
	static void fitHeads() throws IOException {
		heads = Files.createDirectories(Path.of(ROOT, UUID.randomUUID().toString())).toAbsolutePath();
		LabelledDataset train = LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "train.tsv"))
			.slice(0, 400);
		DefaultArtifactSource source = DefaultArtifactSource.create();
		HeadFitter fitter = new HeadFitter(source, new EmbeddingCache(source.cache().directory()));
		FitSettings settings = FitSettings.defaults().withL2Grid(List.of(1e-3, 1e-4)).withCommand("CascadeLoadingIT");
		HeadFiles.write(fitter.fitLexicalHead(train, LexicalSpec.defaults().withBucketBits(16), settings).head(),
				heads.resolve("sst2-lexical.json"));
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, source,
				OrtOptions.defaults())) {
			HeadFiles.write(fitter.fitEncoderHead(train, encoder, settings).head(), heads.resolve("sst2-minilm.json"));
		}
		try (InputStream in = CascadeLoadingIT.class.getResourceAsStream("/fixtures/sst2-cascade/cascade.json")) {
			Files.copy(in, heads.resolve("cascade.json"));
		}
	}

	@Test
	void aSeededCascadeLoadsIntoTiersThatClassifyAndCloseWithIt() {
		CascadeVersion version = seed(heads.resolve("cascade.json").toUri().toString(), "sst2-loading");
		ModelVersion lexical = version.tiers().get(0).model();
		ModelVersion minilm = version.tiers().get(1).model();
		assertThat(lexical.kind()).isEqualTo("lexical-linear");
		assertThat(lexical.artifacts().get(ArtifactRole.HEAD).uri())
			.isEqualTo(heads.resolve("sst2-lexical.json").toUri().toString());
		assertThat(minilm.kind()).isEqualTo("encoder-linear");
		assertThat(minilm.artifacts()).extractingFromEntries((entry) -> entry.getValue().uri())
			.containsExactlyInAnyOrder("classpath:all-minilm-l6-v2-q.onnx",
					"classpath:all-minilm-l6-v2-q-tokenizer.json",
					heads.resolve("sst2-minilm.json").toUri().toString());
		assertThat(minilm.options()).isEqualTo(Map.of("concurrency", "1"));

		LoadedCascadeVersion loaded = this.loader.load(version);
		try {
			assertThat(loaded.stages()).extracting((stage) -> (Object) stage.tier().getClass())
				.containsExactly(LexicalTier.class, EncoderLinearTier.class);
			assertThat(loaded.stages()).extracting((stage) -> stage.tier().name())
				.containsExactly("lexical-sst2-lexical:1", "all-minilm-l6-v2-q-sst2-minilm:1");
			assertThat(loaded.stages()).extracting(Stage::threshold).containsExactly(0.9, 0.0);
			assertThat(loaded.stages()).extracting(Stage::batchSize).containsExactly(64, 16);
			assertThat(loaded.tiers()).extracting((tier) -> tier.maxBatchDelay().toMillis()).containsExactly(2L, 2L);

			List<String> sentences = List
				.of("it 's a charming and often affecting journey . ",
						"a gorgeous , high-spirited musical from india that exquisitely blends music , dance , song , "
								+ "and high drama . ",
						"unflinchingly bleak and desperate ", "a sometimes tedious film . ");
			List<Prediction> predictions = new Cascade(loaded.stages())
				.classify(sentences.stream().map(TextInput::of).toList(), false)
				.predictions();
			assertThat(predictions).extracting(Prediction::label).containsExactly("1", "1", "0", "0");
		}
		finally {
			loaded.close();
		}
		Tier encoder = loaded.stages().get(1).tier();
		assertThatExceptionOfType(TierException.class)
			.isThrownBy(() -> encoder.classify(List.of(TextInput.of("still open?"))))
			.withMessageContaining("closed");
		loaded.close();
		assertThat(LOOKUPS).isEmpty();
	}

	@Test
	void anEncoderShippedAsADeltaIsRegisteredOnItsBaseAndServesTheTrainedEncoder() throws IOException {
		// "Training" changes one layer norm of the bundled int8 MiniLM; the head fitted
		// on
		// the bundled encoder now names the changed one, shipped as a delta beside it.
		Path folder = Files.createDirectories(heads.resolve("delta"));
		BundledEncoder base = BundledEncoder.ALL_MINILM_L6_V2_Q;
		OnnxModel bundled = OnnxModel
			.read(DefaultArtifactSource.create().file(base.modelUri(), base.identity().onnxSha256()));
		FloatTensor norm = bundled.floatInitializer("encoder.layer.5.output.LayerNorm.weight");
		float[] scaled = norm.values().clone();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] *= (i % 2 == 0) ? 1.5f : 0.5f;
		}
		InitializerDelta delta = InitializerDiff.between(bundled,
				bundled.withInitializers(List.of(new FloatTensor(norm.name(), norm.dims(), scaled))));
		String deltaSha256 = delta.write(folder.resolve("minilm-tuned.delta"));
		HeadFile fitted = HeadFiles.read(heads.resolve("sst2-minilm.json"));
		EncoderIdentity encoder = fitted.requireEncoder();
		HeadFiles.write(
				new HeadFile(fitted.kind(), fitted.head(),
						new EncoderIdentity("minilm-tuned", delta.resultSha256(), encoder.pooling(),
								encoder.normalize(), encoder.maxTokens(), encoder.dimension()),
						null, fitted.training(), new EncoderDelta(base.id(), "minilm-tuned.delta", deltaSha256)),
				folder.resolve("minilm-tuned.head.json"));
		Files.writeString(folder.resolve("cascade.json"), """
				{"format": "tango-cascade", "version": 1, "name": "sst2-delta",
				 "tiers": [ {"kind": "encoder-linear", "name": "minilm-tuned", "head": "minilm-tuned.head.json"} ]}""");

		ModelVersion model = seed(folder.resolve("cascade.json").toUri().toString(), "sst2-delta").tiers()
			.get(0)
			.model();
		assertThat(model.artifacts())
			.containsEntry(ArtifactRole.MODEL, new ArtifactRef(base.modelUri(), base.identity().onnxSha256()))
			.containsEntry(ArtifactRole.DELTA,
					new ArtifactRef(folder.resolve("minilm-tuned.delta").toUri().toString(), deltaSha256));
		List<TextInput> inputs = List.of(TextInput.of("a gripping , heartfelt film"),
				TextInput.of("dull and lifeless"));
		float[] served;
		try (LoadedCascadeVersion loaded = this.loader
			.load(this.registry.getActive("sst2-delta").orElseThrow().version())) {
			served = loaded.stages().get(0).tier().classify(inputs).get(0).logits();
		}
		try (LoadedCascade direct = new CascadeLoader(DefaultArtifactSource.create())
			.load(folder.resolve("cascade.json"))) {
			assertThat(served).as("what the descriptor serves without the registry")
				.containsExactly(direct.tiers().get(0).tier().classify(inputs).get(0).logits());
		}
		try (LoadedCascadeVersion plain = this.loader
			.load(seed(heads.resolve("cascade.json").toUri().toString(), "sst2-loading"))) {
			assertThat(served).as("the untrained encoder's logits")
				.isNotEqualTo(plain.stages().get(1).tier().classify(inputs).get(0).logits());
		}
	}

	@Test
	void aTamperedHeadFailsTheLoadNamingItBeforeAnyTierOpens() throws IOException {
		CascadeVersion base = seed(heads.resolve("cascade.json").toUri().toString(), "sst2-loading");
		Path folder = Files.createDirectories(heads.resolve("tampered"));
		Path head = folder.resolve("sst2-minilm.json");
		Files.writeString(head, Files.readString(heads.resolve("sst2-minilm.json")) + "\n");
		Files.writeString(folder.resolve("cascade.json"), """
				{"format": "tango-cascade", "version": 1, "name": "sst2-tampered",
				 "tiers": [
				   {"kind": "lexical-linear", "head": "../sst2-lexical.json", "threshold": 0.9},
				   {"kind": "encoder-linear", "head": "sst2-minilm.json"}
				 ]}""");
		CascadeVersion version = seed(folder.resolve("cascade.json").toUri().toString(), "sst2-tampered");
		assertThat(version.tiers().get(0).model()).as("the same lexical model version")
			.isEqualTo(base.tiers().get(0).model());
		assertThat(version.tiers().get(1).model().key())
			.as("a new version of the encoder model, whose head differs by a line break")
			.isEqualTo(new ModelKey(base.tiers().get(1).model().model(), 2));
		Files.writeString(head, Files.readString(head).replace("\"rows\"", "\"rows\" "));
		List<Tier> opened = new ArrayList<>();
		TierKinds recording = WrappedKinds.of((kind, spec, source) -> {
			Tier open = kind.open(spec, source);
			opened.add(open);
			return open;
		});
		assertThatExceptionOfType(CascadeLoadException.class)
			.isThrownBy(() -> new RegistryCascadeVersionLoader(this.resolver, OrtOptions.defaults(), recording)
				.load(version))
			.withMessageContaining("Cannot load cascade sst2-tampered version 1, tier 1 (model ")
			.withMessageContaining("CHECKSUM_MISMATCH")
			.withMessageContaining(head.toUri().toString())
			.satisfies((ex) -> assertThat(ex.tier()).hasValue(1));
		assertThat(opened).isEmpty();
	}

	@Test
	void aTierThatFailsToOpenClosesTheTiersOpenedBeforeIt() {
		CascadeVersion good = seed(heads.resolve("cascade.json").toUri().toString(), "sst2-loading");
		ModelVersion broken = this.registry.registerModelVersion(new NewModelVersion("broken-classifier",
				"onnx-classifier",
				Map.of(ArtifactRole.MODEL, classpath("fixtures/test-cascade/classifier.onnx"), ArtifactRole.TOKENIZER,
						new ArtifactRef(BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerUri(),
								BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerSha256())),
				Label.of(List.of("0", "1")), 128, null, Map.of(), "not an ONNX model", "test"));
		CascadeVersion version = this.registry.createCascadeVersion(new NewCascadeVersion("sst2-broken",
				List.of(new NewTier(good.tiers().get(1).model().key(), Gate.maxProbability(0.9), 16, 2),
						new NewTier(broken.key(), null, 8, 2)),
				null, "test"));
		List<Tier> opened = new ArrayList<>();
		TierKinds recording = WrappedKinds.of((kind, spec, source) -> {
			Tier open = kind.open(spec, source);
			opened.add(open);
			return open;
		});
		assertThatExceptionOfType(CascadeLoadException.class).isThrownBy(
				() -> new RegistryCascadeVersionLoader(this.resolver, OrtOptions.defaults(), recording).load(version))
			.withMessageContaining("tier 1 (model broken-classifier:1, onnx-classifier): cannot open the tier")
			.satisfies((ex) -> assertThat(ex.tier()).hasValue(1));
		assertThat(opened).singleElement().isInstanceOf(EncoderLinearTier.class);
		assertThatExceptionOfType(TierException.class)
			.isThrownBy(() -> opened.get(0).classify(List.of(TextInput.of("closed?"))))
			.withMessageContaining("closed");
	}

	@Test
	void anExportedClassifierLoadsWithTheLabelsAndLimitOfItsModelVersion() {
		CascadeVersion version = seed("classpath:fixtures/tiny-classifier/cascade.json", "tiny-classifier");
		ModelVersion model = version.tiers().get(0).model();
		assertThat(model.model()).isEqualTo("tiny-classifier");
		assertThat(model.maxInputLength()).as("the config's max_position_embeddings").isEqualTo(512);
		assertThat(model.options()).isEqualTo(Map.of("optimization", "basic", "activation", "softmax"));
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			Tier tier = loaded.stages().get(0).tier();
			assertThat(tier).isInstanceOf(OnnxClassifierTier.class);
			assertThat(tier.labels()).containsExactly("0", "1");
			assertThat(tier.activation()).isEqualTo(Activation.SOFTMAX);
			assertThat(tier.maxInputTokens()).isEqualTo(512);
			assertThat(loaded.stages().get(0).batchSize()).isEqualTo(OnnxClassifierTier.DEFAULT_BATCH_SIZE);
			List<Scores> scores = tier
				.classify(List.of(TextInput.of("a tiny model"), TextInput.of("with different tokens entirely")));
			assertThat(scores).allSatisfy((score) -> assertThat(score.logits()).hasSize(2));
			assertThat(scores.get(0).logits()).isNotEqualTo(scores.get(1).logits());
		}
		assertThat(LOOKUPS).isEmpty();
	}

	@Test
	void aTierKindThatOnlyTestsKnowIsSeededFromADescriptorAsTheBundledKindsAre() {
		CascadeVersion version = seed("classpath:fixtures/plugin/cascade.json", "vocabulary-seeded");
		ModelVersion model = version.tiers().get(0).model();
		assertThat(model.kind()).isEqualTo(VocabularyKind.NAME);
		assertThat(model.model()).isEqualTo("vocabulary");
		assertThat(model.options()).isEqualTo(Map.of(VocabularyKind.WEIGHT, "2.5"));
		assertThat(model.artifacts().get(ArtifactRole.HEAD)).isEqualTo(classpath("fixtures/plugin/sentiment.rules"));
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			List<Scores> scores = loaded.stages()
				.get(0)
				.tier()
				.classify(List.of(TextInput.of("a dull film"), TextInput.of("great fun")));
			assertThat(scores.get(0).logits()).containsExactly(2.5f, 0f);
			assertThat(scores.get(1).logits()).containsExactly(0f, 5f);
		}
	}

	@Test
	void aClassifiersId2labelGivesDisplayNamesToTheLabelsItsDescriptorIdentifies() {
		CascadeVersion version = seed("classpath:fixtures/named-classifier/cascade.json", "named-classifier");
		List<Label> named = List.of(new Label("0", "NEGATIVE"), new Label("1", "POSITIVE"));
		assertThat(version.tiers().get(0).model().labels()).as("registered from config.json's id2label")
			.isEqualTo(named);
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			assertThat(loaded.stages().get(0).tier().labels()).as("the tier reports identifiers")
				.containsExactly("0", "1");
			assertThat(loaded.labels()).isEqualTo(named);
		}
	}

	CascadeVersion seed(String location, String cascade) {
		CascadeSeeder.Outcome outcome = new CascadeSeeder(this.registry, new TransactionTemplate(this.transactions),
				this.resources, this.validator, location)
			.seed();
		assertThat(outcome).isIn(CascadeSeeder.Outcome.SEEDED, CascadeSeeder.Outcome.PRESENT);
		return this.registry.getActive(cascade).orElseThrow().version();
	}

	static ArtifactRef classpath(String resource) {
		try (InputStream in = CascadeLoadingIT.class.getClassLoader().getResourceAsStream(resource)) {
			return new ArtifactRef("classpath:" + resource, Sha256.of(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Refuses and records every host name lookup. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RecordingHosts {

		@Bean
		HostResolver recordingHostResolver() {
			return (host) -> {
				LOOKUPS.add(host);
				throw new UnknownHostException(host);
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
