package dev.tango.models.loading;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Stage;
import dev.tango.core.cascade.StageSettings;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.ForwardingTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.models.artifact.AddressPolicy;
import dev.tango.models.artifact.ArtifactProperties;
import dev.tango.models.artifact.ArtifactFetcher;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.classifier.OnnxClassifierKind;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Loading cascade versions built by hand, without a database or ONNX models: the lexical
 * head of the test fixtures, and failures that must come before any tier opens.
 */
class CascadeVersionLoaderTest {

	static final String LEXICAL_HEAD = "classpath:fixtures/test-cascade/lexical.json";

	static final List<String> LABELS = List.of("negative", "positive");

	@TempDir
	Path store;

	final List<String> hostLookups = new ArrayList<>();

	final List<Tier> opened = new ArrayList<>();

	@Test
	void aLexicalModelBecomesALexicalTierWithItsStageSettings() {
		CascadeVersion version = cascade(tier(0, lexical("lexical-a", Map.of()), Gate.maxProbability(0.7), 64, 0),
				tier(1, lexical("lexical-b", Map.of()), null, 16, 5));
		LoadedCascadeVersion loaded = loader().load(version);
		try {
			assertThat(loaded.version()).isSameAs(version);
			assertThat(loaded.stages()).extracting(Stage::tier).hasOnlyElementsOfType(LexicalTier.class);
			assertThat(loaded.stages()).extracting((stage) -> stage.tier().name())
				.containsExactly("lexical-a:1", "lexical-b:1");
			assertThat(loaded.stages()).extracting(Stage::batchSize).containsExactly(64, 16);
			assertThat(loaded.stages()).extracting(Stage::threshold).containsExactly(0.7, 0.0);
			assertThat(loaded.stages()).extracting(Stage::measure).containsOnly(ConfidenceMeasure.MAX_PROBABILITY);
			assertThat(loaded.tiers()).extracting(LoadedTier::maxBatchDelay)
				.containsExactly(Duration.ZERO, Duration.ofMillis(5));
			assertThat(new Cascade(loaded.stages()).classify(List.of(TextInput.of("fine")), false).predictions())
				.singleElement()
				.satisfies((prediction) -> assertThat(prediction.label()).isIn(LABELS));
		}
		finally {
			loaded.close();
		}
		assertThat(loaded.isClosed()).isTrue();
		loaded.close();
		assertThat(this.hostLookups).isEmpty();
	}

	@Test
	void modelsOfAKindNotInstalledAreRefusedBeforeAnythingIsResolvedOrOpened() {
		ModelVersion remote = model("remote", "not-installed",
				Map.of(ArtifactRole.MODEL, new ArtifactRef("https://oip.example.com/v2/models/large", null)), Map.of());
		CascadeVersion version = cascade(tier(0, lexical("lexical", Map.of()), Gate.maxProbability(0.9), 64, 2),
				tier(1, remote, null, 8, 2));
		assertThatExceptionOfType(CascadeLoadException.class).isThrownBy(() -> loader().load(version))
			.withMessageContaining("cascade test version 3, tier 1 (model remote:1, not-installed)")
			.withMessageContaining("tier kind 'not-installed' is not available in this build")
			.satisfies((ex) -> assertThat(ex.tier()).hasValue(1));
		assertThat(this.opened).isEmpty();
		assertThat(this.hostLookups).isEmpty();
	}

	@Test
	void invalidEngineOptionsFailBeforeAnyTierOpens() {
		CascadeVersion version = cascade(tier(0, lexical("lexical", Map.of()), Gate.maxProbability(0.9), 64, 2),
				tier(1, lexical("threads", Map.of(EngineOptions.INTRA_OP_THREADS, "0")), null, 8, 2));
		assertThatExceptionOfType(CascadeLoadException.class).isThrownBy(() -> loader().load(version))
			.withMessageContaining("tier 1 (model threads:1, lexical-linear)")
			.withMessageContaining("intraOpThreads must be an integer of at least 1, was '0'");
		assertThat(this.opened).isEmpty();
	}

	@Test
	void aTiersThreadsOverrideItsModelVersionsOptionsAndTheDefaults() {
		OrtOptions defaults = new OrtOptions(1, 1, GraphOptimization.EXTENDED, true, 2,
				ActivationQuantization.PER_BATCH);
		CascadeVersion version = cascade(
				new CascadeTier(0,
						lexical("set", Map.of(EngineOptions.INTRA_OP_THREADS, "1", EngineOptions.OPTIMIZATION, "all")),
						Gate.maxProbability(0.9), 8, 0, 3),
				tier(1, lexical("kept", Map.of(EngineOptions.INTRA_OP_THREADS, "2")), null, 8, 0));
		assertThat(OpenedTierOptions.load(resolver(), defaults, version)).containsExactly(
				new OrtOptions(3, 1, GraphOptimization.ALL, true, 2, ActivationQuantization.PER_BATCH),
				new OrtOptions(2, 1, GraphOptimization.EXTENDED, true, 2, ActivationQuantization.PER_BATCH));
	}

	@Test
	void aHeadWhoseLabelsDifferFromTheModelVersionIsRefused() {
		ModelVersion other = new ModelVersion(7, "other", 1, "lexical-linear",
				Map.of(ArtifactRole.HEAD, ref(LEXICAL_HEAD)), Label.of(List.of("positive", "negative")), 1000, null,
				Map.of(), null, Instant.EPOCH, "test");
		assertThatExceptionOfType(CascadeLoadException.class)
			.isThrownBy(() -> loader().load(cascade(tier(0, other, null, 8, 0))))
			.withMessageContaining("has labels [negative, positive], but the tier is given [positive, negative]");
	}

	@Test
	void aFailureWhileOpeningClosesTheTiersOpenedBefore() {
		CascadeVersion version = cascade(tier(0, lexical("first", Map.of()), Gate.maxProbability(0.9), 64, 2),
				tier(1, lexical("second", Map.of()), null, 8, 2));
		List<Tier> closed = new ArrayList<>();
		TierKinds failing = WrappedKinds.of((kind, spec, source) -> {
			if ("second:1".equals(spec.name())) {
				throw new IOException("no memory left");
			}
			return new ClosingRecorder(kind.open(spec, source), closed);
		});
		ModelResolver resolver = resolver();
		assertThatExceptionOfType(CascadeLoadException.class)
			.isThrownBy(() -> new RegistryCascadeVersionLoader(resolver, OrtOptions.defaults(), failing).load(version))
			.withMessage("Cannot load cascade test version 3, tier 1 (model second:1, lexical-linear): "
					+ "cannot open the tier: no memory left");
		assertThat(closed).extracting(Tier::name).containsExactly("first:1");
	}

	@Test
	void engineOptionsOverrideTheDefaultsAndRoundTrip() {
		OrtOptions defaults = new OrtOptions(1, 1, GraphOptimization.EXTENDED, true, 4,
				ActivationQuantization.PER_BATCH);
		OrtOptions options = EngineOptions
			.ortOptions(Map.of("intraOpThreads", "2", "optimization", "all", "memoryArena", "false", "concurrency", "3",
					"activationQuantization", "per-token", "somethingElse", "x"), defaults);
		assertThat(options)
			.isEqualTo(new OrtOptions(2, 1, GraphOptimization.ALL, false, 3, ActivationQuantization.PER_TOKEN));
		assertThat(EngineOptions.ortOptions(Map.of(), defaults)).isEqualTo(defaults);
		assertThat(EngineOptions.of(options, List.of("optimization", "concurrency", "activation")))
			.containsExactly(Map.entry("optimization", "all"), Map.entry("concurrency", "3"));
		assertThat(EngineOptions.ortOptions(EngineOptions.of(options,
				List.of(EngineOptions.INTRA_OP_THREADS, EngineOptions.INTER_OP_THREADS, EngineOptions.OPTIMIZATION,
						EngineOptions.MEMORY_ARENA, EngineOptions.CONCURRENCY, EngineOptions.ACTIVATION_QUANTIZATION)),
				defaults))
			.isEqualTo(options);
		for (Map<String, String> invalid : List.of(Map.of("concurrency", "x"), Map.of("interOpThreads", "-1"),
				Map.of("memoryArena", "maybe"), Map.of("optimization", "fast"),
				Map.of("activationQuantization", "int4"))) {
			assertThatIllegalArgumentException().as("%s", invalid)
				.isThrownBy(() -> EngineOptions.ortOptions(invalid, defaults));
		}
	}

	@Test
	void theBuiltInKindsSayWhichArtifactsARegisteredVersionPins() {
		TierKinds installed = TierKinds.installed();
		Map<String, List<ArtifactNeed>> needs = Map.of("onnx-classifier",
				List.of(ArtifactNeed.REQUIRED, ArtifactNeed.REQUIRED, ArtifactNeed.ABSENT, ArtifactNeed.ABSENT),
				"encoder-linear",
				List.of(ArtifactNeed.REQUIRED, ArtifactNeed.REQUIRED, ArtifactNeed.REQUIRED, ArtifactNeed.OPTIONAL),
				"lexical-linear",
				List.of(ArtifactNeed.ABSENT, ArtifactNeed.ABSENT, ArtifactNeed.REQUIRED, ArtifactNeed.ABSENT));
		needs.forEach((name, expected) -> {
			TierKind kind = installed.get(name);
			assertThat(Stream.of(ArtifactRole.values()).map((role) -> kind.artifactNeed(role.id())))
				.as("%s: model, tokenizer, head, delta", name)
				.containsExactlyElementsOf(expected);
			assertThat(Stream.of(ArtifactRole.values()).allMatch((role) -> kind.checksummed(role.id())))
				.as("%s checks every artifact's sha256", name)
				.isTrue();
		});
		TierKind remote = installed.get("remote-oip");
		assertThat(Stream.of(ArtifactRole.values()).map((role) -> remote.artifactNeed(role.id())))
			.as("remote-oip: model, tokenizer, head, delta")
			.containsExactly(ArtifactNeed.REQUIRED, ArtifactNeed.OPTIONAL, ArtifactNeed.ABSENT, ArtifactNeed.ABSENT);
		assertThat(remote.checksummed("model")).as("an endpoint has no sha256").isFalse();
		assertThat(remote.checksummed("tokenizer")).isTrue();
		assertThat(installed.get("onnx-classifier").artifactNeed("config")).isEqualTo(ArtifactNeed.OPTIONAL);
		assertThat(Stream.of("onnx-classifier", "encoder-linear", "lexical-linear", "remote-oip")
			.filter((name) -> installed.get(name).runsOnnxRuntime()))
			.containsExactly("onnx-classifier", "encoder-linear");
		for (TierKind kind : installed.all()) {
			for (ArtifactRole role : ArtifactRole.values()) {
				if (kind.artifactNeed(role.id()) != ArtifactNeed.ABSENT) {
					assertThat(kind.artifactRoles()).as("%s %s", kind.name(), role).contains(role.id());
				}
			}
		}
	}

	@Test
	void aClassifiersLabelsActivationAndLimitComeFromTheRegistry() {
		TierKind classifier = TierKinds.installed().get("onnx-classifier");
		for (Activation activation : Activation.values()) {
			ModelVersion model = new ModelVersion(9, "bert", 2, "onnx-classifier",
					Map.of(ArtifactRole.MODEL, new ArtifactRef("file:/m/model.onnx", "0".repeat(64)),
							ArtifactRole.TOKENIZER, new ArtifactRef("file:/m/tokenizer.json", "1".repeat(64))),
					Label.of(List.of("b", "a", "c")), 256, null, Map.of(OnnxClassifierKind.ACTIVATION, activation.id()),
					null, Instant.EPOCH, "test");
			ResolvedModel resolved = new ResolvedModel(model, Map.of(ArtifactRole.MODEL, Path.of("/v/model.onnx"),
					ArtifactRole.TOKENIZER, Path.of("/v/tokenizer.json")), Map.of(),
					Map.of("weights.bin", "2".repeat(64)));
			TierSpec spec = TierSpecs.of(new CascadeTier(0, model, null, 12, 3), resolved, classifier,
					OrtOptions.defaults());
			classifier.validate(spec);
			assertThat(spec.kind()).isEqualTo("onnx-classifier");
			assertThat(spec.name()).isEqualTo("bert:2");
			assertThat(spec.labelIds()).containsExactly("b", "a", "c");
			assertThat(spec.options()).containsOnly(Map.entry(OnnxClassifierKind.MAX_TOKENS, "256"),
					Map.entry(OnnxClassifierKind.ACTIVATION, activation.id()));
			assertThat(spec.artifacts()).containsOnly(
					Map.entry("model", new TierArtifact("/v/model.onnx", null, Map.of("weights.bin", "2".repeat(64)))),
					Map.entry("tokenizer", TierArtifact.of("/v/tokenizer.json")));
			assertThat(spec.batchSize()).isEqualTo(12);
			assertThat(spec.settings()).isEqualTo(StageSettings.answering(12));
			assertThat(spec.maxBatchDelay()).isEqualTo(Duration.ofMillis(3));
		}
	}

	@Test
	void aLoadedVersionHasOneLoadedTierPerTierOfTheVersion() {
		CascadeVersion version = cascade(tier(0, lexical("lexical", Map.of()), null, 8, 0));
		Tier tier = new LexicalTier("t", dev.tango.runtime.head.LexicalSpec.defaults().withBucketBits(4),
				new dev.tango.runtime.head.LinearHead(LABELS, new float[2][16], new float[2]));
		LoadedTier loaded = new LoadedTier(tier, Label.of(LABELS), StageSettings.answering(8), Duration.ZERO, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadedCascadeVersion(version, new LoadedCascade("test", List.of(loaded, loaded))));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new LoadedTier(tier, Label.of(LABELS), StageSettings.answering(8), Duration.ofMillis(-1), 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadedTier(tier, Label.of(LABELS), StageSettings.answering(8), Duration.ZERO, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadedCascade("test", List.of()));
		LoadedCascadeVersion one = new LoadedCascadeVersion(version, new LoadedCascade("test", List.of(loaded)));
		assertThat(one.stages()).containsExactly(new Stage(tier, StageSettings.answering(8)));
		assertThat(Label.ids(one.labels())).isEqualTo(LABELS);
		assertThatIllegalArgumentException().as("labels that are not the tier's")
			.isThrownBy(() -> new LoadedTier(tier, Label.of(List.of("positive", "negative")),
					StageSettings.answering(8), Duration.ZERO, 1));
	}

	@Test
	void aLexicalTierKeepsOneThreadBusyWhateverItsEngineOptions() {
		CascadeVersion version = cascade(
				new CascadeTier(0, lexical("lexical", Map.of(EngineOptions.INTRA_OP_THREADS, "2")), null, 8, 0, 3));
		try (LoadedCascadeVersion loaded = loader().load(version)) {
			assertThat(loaded.tiers()).extracting(LoadedTier::threadsPerCall).containsExactly(1);
		}
	}

	RegistryCascadeVersionLoader loader() {
		return new RegistryCascadeVersionLoader(resolver(), OrtOptions.defaults(),
				WrappedKinds.of((kind, spec, source) -> {
					Tier open = kind.open(spec, source);
					this.opened.add(open);
					return open;
				}));
	}

	ModelResolver resolver() {
		ArtifactUriValidator validator = new ArtifactUriValidator(List.of(), List.of("oip.example.com"), (host) -> {
			this.hostLookups.add(host);
			throw new UnknownHostException(host);
		}, AddressPolicy.PUBLIC_ONLY);
		ArtifactFetcher store = new ArtifactFetcher(ArtifactProperties.of(this.store, List.of(), List.of()), validator,
				(SSLSocketFactory) SSLSocketFactory.getDefault(), getClass().getClassLoader());
		return new ModelResolver(store);
	}

	static ModelVersion lexical(String name, Map<String, String> options) {
		return model(name, "lexical-linear", Map.of(ArtifactRole.HEAD, ref(LEXICAL_HEAD)), options);
	}

	static ModelVersion model(String name, String kind, Map<ArtifactRole, ArtifactRef> artifacts,
			Map<String, String> options) {
		return new ModelVersion(name.hashCode(), name, 1, kind, artifacts, Label.of(LABELS), 1000, null, options, null,
				Instant.EPOCH, "test");
	}

	static CascadeTier tier(int index, ModelVersion model, Gate gate, int batchSize, int delay) {
		return new CascadeTier(index, model, gate, batchSize, delay);
	}

	static CascadeVersion cascade(CascadeTier... tiers) {
		return new CascadeVersion(1, "test", 3, List.of(tiers), null, Instant.EPOCH, "test");
	}

	static ArtifactRef ref(String classpathUri) {
		try (InputStream in = CascadeVersionLoaderTest.class.getClassLoader()
			.getResourceAsStream(classpathUri.substring("classpath:".length()))) {
			return new ArtifactRef(classpathUri, Sha256.of(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A tier that notes when it is closed. */
	record ClosingRecorder(Tier delegate, List<Tier> closed) implements ForwardingTier {

		@Override
		public void close() {
			this.delegate.close();
			this.closed.add(this);
		}

	}

}
