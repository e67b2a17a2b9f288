package dev.tango.models.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.models.artifact.ArtifactException;
import dev.tango.models.changes.ActivationEvent;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.loading.CascadeLoadException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.InvalidModelException;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.loading.ModelVerifier;
import dev.tango.models.loading.OpenedTierOptions;
import dev.tango.models.registry.ActivationAction;
import dev.tango.models.registry.ActivationConflictException;
import dev.tango.models.registry.ActivationRecord;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ExternalDataFile;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCalibration;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.Pooling;
import dev.tango.models.registry.RegistryConflictException;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.models.registry.RollbackRequest;
import dev.tango.models.plugin.VocabularyKind;
import dev.tango.models.seed.CascadeSeeder;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.testsupport.ImmutableRows;
import dev.tango.runtime.autoconfigure.RuntimeProperties;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What the registry must do on every database it runs on. Each test works on models and
 * cascades of its own, so the tests share one application context.
 */
abstract class RegistryScenarios {

	static final String SEED = "classpath:fixtures/test-cascade/cascade.json";

	static final String CLASSIFIER_URI = "classpath:fixtures/test-cascade/classifier.onnx";

	static final String TOKENIZER_URI = "classpath:fixtures/test-cascade/tokenizer.json";

	static final List<Label> LABELS = Label.of(List.of("negative", "positive"));

	/**
	 * How soon a change must be announced: loose enough for a loaded machine, yet far
	 * less than the minute {@link PostgresRegistryIT} polls at, so that there a poll
	 * announces it in time only by chance (about one change in twelve): a lost
	 * notification fails the test.
	 */
	static final Duration ANNOUNCED = Duration.ofSeconds(5);

	@Autowired
	ModelRegistry registry;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RegistryChanges changes;

	@Autowired
	CascadeSeeder seeder;

	@Autowired
	ModelResolver resolver;

	@Autowired
	CascadeVersionLoader loader;

	@Autowired
	ModelVerifier verifier;

	@Autowired
	RuntimeProperties runtime;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ServingReports servingReports;

	@Test
	void modelVersionsAreNumberedAndKeepTheirContent() {
		String name = unique("model");
		ModelVersion first = registerClassifier(name, LABELS);
		ModelVersion second = this.registry.registerModelVersion(new NewModelVersion(name, "encoder-linear",
				Map.of(ArtifactRole.MODEL, artifact(CLASSIFIER_URI), ArtifactRole.TOKENIZER, artifact(TOKENIZER_URI),
						ArtifactRole.HEAD, artifact("classpath:fixtures/test-cascade/head.json")),
				Label.of(List.of("b", "a", "c")), 64, Pooling.CLS, Map.of("intraOpThreads", "2", "optimization", "all"),
				"second", "alice"));
		assertThat(first.version()).isEqualTo(1);
		assertThat(second.version()).isEqualTo(2);
		assertThat(this.registry.findModelVersion(new ModelKey(name, 2))).contains(second);
		assertThat(this.registry.listModelVersions(name)).containsExactly(first, second);
		ModelVersion read = this.registry.findModelVersion(ModelKey.parse(name + ":2")).orElseThrow();
		assertThat(Label.ids(read.labels())).containsExactly("b", "a", "c");
		assertThat(read.labels()).extracting(Label::displayName).containsOnlyNulls();
		assertThat(read.options()).containsEntry("optimization", "all").hasSize(2);
		assertThat(read.artifacts().get(ArtifactRole.HEAD).sha256()).hasSize(64);
		assertThat(this.registry.listModels()).contains(name);
	}

	@Test
	void labelsKeepTheirDisplayNamesAndACascadeShowsThemFromAnyTier() {
		List<Label> named = List.of(new Label("0", "negative"), new Label("1", "positive"));
		ModelVersion small = registerClassifier(unique("small"), Label.of(List.of("0", "1")));
		ModelVersion large = registerClassifier(unique("large"), named);
		assertThat(this.registry.findModelVersion(large.key()).orElseThrow().labels()).isEqualTo(named);
		assertThat(this.jdbc.queryForList(
				"SELECT display_name FROM model_version_labels WHERE model_version_id = ? ORDER BY label_index",
				String.class, large.id()))
			.containsExactly("negative", "positive");

		// the cascade answers with the names its last tier gives; data still matches by
		// identifier
		CascadeVersion cascade = this.registry.createCascadeVersion(new NewCascadeVersion(unique("cascade"),
				List.of(new NewTier(small.key(), new Gate(0.9, ConfidenceMeasure.MAX_PROBABILITY, 1.0), 32, 5),
						new NewTier(large.key(), null, 8, 20)),
				"named", "alice"));
		assertThat(cascade.labels()).isEqualTo(named);
		assertThat(Label.ids(cascade.labels())).containsExactly("0", "1");

		ModelVersion other = registerClassifier(unique("other"),
				List.of(new Label("0", "bad"), new Label("1", "positive")));
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.createCascadeVersion(new NewCascadeVersion(unique("cascade"),
					List.of(new NewTier(other.key(), new Gate(0.9, ConfidenceMeasure.MAX_PROBABILITY, 1.0), 32, 5),
							new NewTier(large.key(), null, 8, 20)),
					"conflicting", "alice")))
			.withMessageContaining("label '0' is shown as 'bad' and as 'negative'");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(
					() -> registerClassifier(unique("twice"), List.of(new Label("0", "same"), new Label("1", "same"))))
			.withMessageContaining("names must be distinct");
	}

	@Test
	void oneTransactionMayReadVersionsAndThenAddOne() {
		String model = unique("model");
		String cascade = unique("cascade");
		registerClassifier(model, LABELS);
		twoTierCascade(cascade, 0.5);
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			assertThat(this.registry.listModelVersions(model)).hasSize(1);
			assertThat(registerClassifier(model, LABELS).version()).isEqualTo(2);
			assertThat(this.registry.listCascadeVersions(cascade)).hasSize(1);
			assertThat(twoTierCascade(cascade, 0.7).version()).isEqualTo(2);
		});
	}

	@Test
	void registeredRowsAreImmutableInTheDatabase() {
		CascadeVersion cascade = twoTierCascade(unique("cascade"), 0.8);
		long modelVersionId = cascade.tiers().get(0).model().id();
		this.registry.activate(ActivationRequest.of(cascade.cascade(), 1, "alice", "first"));
		CalibrationResult calibration = this.registry.recordCalibration(calibration(cascade, List.of(0.5, 0.8)));
		List<String> updates = List.of("UPDATE model_versions SET description = 'changed' WHERE id = " + modelVersionId,
				"UPDATE model_versions SET model_sha256 = '" + "0".repeat(64) + "' WHERE id = " + modelVersionId,
				"DELETE FROM model_versions WHERE id = " + modelVersionId,
				"UPDATE model_version_labels SET label = 'x' WHERE model_version_id = " + modelVersionId,
				"UPDATE model_version_labels SET display_name = 'x' WHERE model_version_id = " + modelVersionId,
				"UPDATE cascade_tiers SET threshold = 0.1 WHERE cascade_version_id = " + cascade.id(),
				"DELETE FROM cascade_tiers WHERE cascade_version_id = " + cascade.id(),
				"UPDATE cascade_versions SET description = 'changed' WHERE id = " + cascade.id(),
				"UPDATE activation_audit SET actor = 'mallory' WHERE to_version_id = " + cascade.id(),
				"DELETE FROM activation_audit WHERE to_version_id = " + cascade.id(),
				"UPDATE calibration_points SET accuracy = 1 WHERE calibration_id = " + calibration.id(),
				"UPDATE calibration_results SET policy = 'other' WHERE id = " + calibration.id());
		ImmutableRows.assertRefused(this.jdbc, updates.toArray(String[]::new));
		assertThat(this.registry.findCascadeVersion(cascade.cascade(), 1)).contains(cascade);
	}

	@Test
	void aNewThresholdIsANewCascadeVersion() {
		String name = unique("cascade");
		CascadeVersion first = twoTierCascade(name, 0.8);
		CascadeVersion second = twoTierCascade(name, 0.9);
		assertThat(first.version()).isEqualTo(1);
		assertThat(second.version()).isEqualTo(2);
		assertThat(this.registry.findCascadeVersion(name, 1).orElseThrow().tiers().get(0).gate().threshold())
			.isEqualTo(0.8);
		assertThat(this.registry.findCascadeVersion(name, 2).orElseThrow().tiers().get(0).gate().threshold())
			.isEqualTo(0.9);
		CascadeVersion read = this.registry.findCascadeVersion(name, 2).orElseThrow();
		assertThat(read.tiers()).hasSize(2);
		assertThat(read.tiers().get(0).gate()).isEqualTo(new Gate(0.9, ConfidenceMeasure.MARGIN, 1.25));
		assertThat(read.tiers().get(0).batchSize()).isEqualTo(32);
		assertThat(read.tiers().get(1).gate()).isNull();
		assertThat(read.tiers().get(1).maxBatchDelayMillis()).isEqualTo(20);
		assertThat(this.registry.listCascadeVersions(name)).extracting(CascadeVersion::version).containsExactly(1, 2);
		assertThat(this.registry.requireCascadeVersions(name)).extracting((version) -> version.tiers().size())
			.containsExactly(2, 2);
		assertThatExceptionOfType(RegistryNotFoundException.class)
			.isThrownBy(() -> this.registry.requireCascadeVersions(unique("absent")))
			.withMessageStartingWith("No cascade '");
	}

	@Test
	void aTiersThreadCountIsKeptAndOverridesItsModelVersionsWhenLoaded() {
		String name = unique("cascade");
		ModelVersion tiny = this.registry.registerModelVersion(new NewModelVersion(unique("tiny"), "onnx-classifier",
				Map.of(ArtifactRole.MODEL, artifact("classpath:fixtures/tiny-classifier/model.onnx"),
						ArtifactRole.TOKENIZER, artifact("classpath:all-minilm-l6-v2-q-tokenizer.json")),
				Label.of(List.of("0", "1")), 512, null, Map.of("intraOpThreads", "1", "optimization", "basic"), null,
				"alice"));
		CascadeVersion created = this.registry.createCascadeVersion(
				new NewCascadeVersion(name, List.of(new NewTier(tiny.key(), Gate.maxProbability(0.9), 8, 0, 2),
						new NewTier(tiny.key(), null, 8, 0)), null, "alice"));
		CascadeVersion read = this.registry.findCascadeVersion(name, 1).orElseThrow();
		assertThat(read).isEqualTo(created);
		assertThat(read.tiers()).extracting(CascadeTier::intraOpThreads).containsExactly(2, null);
		assertThat(this.jdbc.queryForList(
				"SELECT intra_op_threads FROM cascade_tiers WHERE cascade_version_id = ? ORDER BY tier_index",
				Integer.class, read.id()))
			.containsExactly(2, null);

		List<OrtOptions> opened = OpenedTierOptions.load(this.resolver, this.runtime.ortOptions(), read);
		assertThat(opened).extracting(OrtOptions::intraOpThreads)
			.as("the tier's threads, else the model version's")
			.containsExactly(2, 1);
		assertThat(opened).extracting(OrtOptions::optimization)
			.as("the model version's other options still apply")
			.containsOnly(GraphOptimization.BASIC);
	}

	@Test
	void invalidRequestsAreRefused() {
		String name = unique("cascade");
		ModelVersion small = registerClassifier(unique("small"), LABELS);
		ModelVersion other = registerClassifier(unique("other"), Label.of(List.of("yes", "no")));
		assertCascadeRefused(name, "Tier 0: no model version nope:1 is registered",
				new NewTier(new ModelKey("nope", 1), null, 1, 0));
		assertCascadeRefused(name, "last tier", new NewTier(small.key(), Gate.maxProbability(0.5), 1, 0));
		assertCascadeRefused(name, "needs a gate", new NewTier(small.key(), null, 1, 0),
				new NewTier(small.key(), null, 1, 0));
		assertCascadeRefused(name, "threshold", new NewTier(small.key(), Gate.maxProbability(1.5), 1, 0),
				new NewTier(small.key(), null, 1, 0));
		assertCascadeRefused(name, "labels", new NewTier(small.key(), Gate.maxProbability(0.5), 1, 0),
				new NewTier(other.key(), null, 1, 0));
		for (double temperature : new double[] { 4.9e-324, 0.01, 25, 1.797e308, Double.NaN }) {
			assertCascadeRefused(name, "temperature must be between 0.05 and 20",
					new NewTier(small.key(), new Gate(0.5, ConfidenceMeasure.MAX_PROBABILITY, temperature), 1, 0),
					new NewTier(small.key(), null, 1, 0));
		}
		assertCascadeRefused(name, "intra-op threads must be between 1 and 256",
				new NewTier(small.key(), null, 1, 0, 0));
		assertCascadeRefused(name, "intra-op threads must be between 1 and 256",
				new NewTier(small.key(), null, 1, 0, 100_000));
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("m"), "onnx-classifier",
					Map.of(ArtifactRole.MODEL, artifact(CLASSIFIER_URI)), LABELS, 128, null, Map.of(), null, "alice")))
			.withMessageContaining("tokenizer");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("remote"), "not-installed",
					Map.of(ArtifactRole.MODEL, new ArtifactRef("https://oip.example.com/v2/models/large", null)),
					LABELS, 128, null, Map.of(), null, "alice")))
			.withMessage("Unknown model kind 'not-installed': the kinds installed in this build are "
					+ "[encoder-linear, lexical-linear, onnx-classifier, remote-oip, test-vocabulary]");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("m"), "lexical-linear",
					Map.of(ArtifactRole.HEAD, artifact("classpath:fixtures/test-cascade/lexical.json"),
							ArtifactRole.TOKENIZER, artifact(TOKENIZER_URI)),
					LABELS, 128, null, Map.of(), null, "alice")))
			.withMessage("A lexical-linear model takes no tokenizer artifact");
		assertThatExceptionOfType(ArtifactException.class).as("the kind checks the sha256 of its model")
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("m"), "onnx-classifier",
					Map.of(ArtifactRole.MODEL, new ArtifactRef(CLASSIFIER_URI, null), ArtifactRole.TOKENIZER,
							artifact(TOKENIZER_URI)),
					LABELS, 128, null, Map.of(), null, "alice")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ArtifactException.Reason.INVALID_CHECKSUM));
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("m"), "onnx-classifier",
					Map.of(ArtifactRole.MODEL, new ArtifactRef("http://169.254.169.254/latest", "0".repeat(64)),
							ArtifactRole.TOKENIZER, artifact(TOKENIZER_URI)),
					LABELS, 128, null, Map.of(), null, "alice")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ArtifactException.Reason.METADATA_ADDRESS));
		Map<List<Label>, String> badLabels = Map.of(List.of(new Label("0", "1"), new Label("1", "0")),
				"the identifier of another label", Label.of(List.of("1", " 1")), "start or end with a space",
				Label.of(List.of("1", "1\u200B")), "holds U+200B", Label.of(List.of("a,b", "c")), "holds a comma",
				List.of(new Label("0", "\u202Enegative"), Label.of("1")),
				"display name '\u202Enegative' of label '0' holds U+202E");
		Map<List<String>, String> badLayouts = Map.of(List.of("w", "w/x"), "names a file and the folder of 'w/x'",
				List.of("model.onnx/w"), "below the model's own name", List.of("x".repeat(256) + "/w"),
				"more than 255 bytes");
		badLayouts.forEach((paths, message) -> assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.as(paths.toString())
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("m"), "onnx-classifier",
					Map.of(ArtifactRole.MODEL, artifact(CLASSIFIER_URI), ArtifactRole.TOKENIZER,
							artifact(TOKENIZER_URI)),
					LABELS, 128, null, Map.of(), null, "alice",
					paths.stream().map((path) -> new ExternalDataFile(path, CLASSIFIER_URI, "0".repeat(64))).toList())))
			.withMessageContaining(message));
		badLabels.forEach((labels, message) -> assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.as(labels.toString())
			.isThrownBy(() -> registerClassifier(unique("m"), labels))
			.withMessageContaining(message));
		assertThat(this.registry.listCascadeVersions(name)).isEmpty();
	}

	private void assertCascadeRefused(String name, String message, NewTier... tiers) {
		assertThatExceptionOfType(InvalidRegistryRequestException.class).isThrownBy(
				() -> this.registry.createCascadeVersion(new NewCascadeVersion(name, List.of(tiers), null, "alice")))
			.withMessageContaining(message);
	}

	@Test
	void aTierKindThatOnlyTestsKnowIsRegisteredActivatedAndServed() {
		ArtifactRef rules = artifact("classpath:fixtures/plugin/sentiment.rules");
		NewModelVersion request = new NewModelVersion(unique("vocabulary"), VocabularyKind.NAME,
				Map.of(ArtifactRole.HEAD, rules), LABELS, 512, null, Map.of(VocabularyKind.WEIGHT, "2.5"), null,
				"alice");
		this.verifier.verify(request);
		ModelVersion registered = this.registry.registerModelVersion(request);
		assertThat(
				this.jdbc.queryForObject("SELECT kind FROM model_versions WHERE id = ?", String.class, registered.id()))
			.isEqualTo("test-vocabulary");
		assertThat(this.registry.findModelVersion(registered.key()).orElseThrow()).isEqualTo(registered);
		String cascade = unique("cascade");
		this.registry.createCascadeVersion(
				new NewCascadeVersion(cascade, List.of(new NewTier(registered.key(), null, 8, 0)), null, "alice"));
		ActiveCascade active = this.registry.activate(ActivationRequest.of(cascade, 1, "alice", "a plug-in kind"));

		try (LoadedCascadeVersion loaded = this.loader.load(active.version())) {
			assertThat(loaded.stages()).extracting((stage) -> stage.tier().name())
				.containsExactly(registered.key().toString());
			assertThat(loaded.tiers()).extracting(LoadedTier::threadsPerCall).containsExactly(1);
			List<Prediction> predictions = new Cascade(loaded.stages())
				.classify(List.of(TextInput.of("A dull, boring film"), TextInput.of("Great fun")), false)
				.predictions();
			assertThat(predictions).extracting(Prediction::label).containsExactly("negative", "positive");
			assertThat(predictions.get(0).confidence()).as("two words of weight 2.5: softmax of logits 5 and 0")
				.isCloseTo(1 / (1 + Math.exp(-5)), within(1e-6));
		}
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion(unique("vocabulary"),
					VocabularyKind.NAME, Map.of(), LABELS, 512, null, Map.of(), null, "alice")))
			.withMessage("A test-vocabulary model needs a head artifact");
		assertThatExceptionOfType(InvalidModelException.class)
			.isThrownBy(() -> this.verifier
				.verify(new NewModelVersion(unique("vocabulary"), VocabularyKind.NAME, Map.of(ArtifactRole.HEAD, rules),
						LABELS, 512, null, Map.of(VocabularyKind.WEIGHT, "heavy"), null, "alice")))
			.withMessageContaining("weight")
			.withMessageContaining("must be a number, was 'heavy'");
	}

	@Test
	void aModelVersionMustSayWhatItsFilesSay() {
		String bundled = "classpath:tango/cascades/sst2-sentiment/";
		Map<ArtifactRole, ArtifactRef> delta = deltaOn(BundledEncoder.BGE_SMALL_EN_V15_Q, bundled);
		List<Label> digits = Label.of(List.of("0", "1"));
		this.verifier.verify(new NewModelVersion(unique("delta"), "encoder-linear", delta, digits, 512, Pooling.CLS,
				Map.of(), null, "alice"));

		assertRefusedContent(new NewModelVersion(unique("delta"), "encoder-linear", delta, digits, 256, Pooling.CLS,
				Map.of(), null, "alice"),
				"maxInputLength is 256, but the tier's files give inputs of at most 512 tokens");
		assertRefusedContent(new NewModelVersion(unique("delta"), "encoder-linear", delta, digits, 512, Pooling.MEAN,
				Map.of(), null, "alice"), "pooling is MEAN, but the tier's files give CLS pooling");
		assertRefusedContent(new NewModelVersion(unique("delta"), "encoder-linear", delta, Label.of(List.of("1", "0")),
				512, Pooling.CLS, Map.of(), null, "alice"), "has labels [0, 1], but the tier is given [1, 0]");
		assertRefusedContent(new NewModelVersion(unique("delta"), "encoder-linear",
				deltaOn(BundledEncoder.ALL_MINILM_L6_V2_Q, bundled), digits, 512, Pooling.CLS, Map.of(), null, "alice"),
				"applies to bge-small-en-v1.5-q (sha256 " + BundledEncoder.BGE_SMALL_EN_V15_Q.identity().onnxSha256()
						+ "), not to the model ");
		assertRefusedContent(
				new NewModelVersion(unique("delta"), "encoder-linear", delta, digits, 512, Pooling.CLS,
						Map.of("intra_op_threads", "2"), null, "alice"),
				"Option 'intra_op_threads' is not read: the option of that name is 'intraOpThreads'");
		this.verifier.verify(new NewModelVersion(unique("delta"), "encoder-linear", delta, digits, 512, Pooling.CLS,
				Map.of("intraOpThreads", "2", "datasetSha256", "ab"), null, "alice"));
	}

	private void assertRefusedContent(NewModelVersion request, String message) {
		assertThatExceptionOfType(InvalidModelException.class).isThrownBy(() -> this.verifier.verify(request))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ModelVerifier.INVALID_CONTENT))
			.withMessageContaining(message);
	}

	private static Map<ArtifactRole, ArtifactRef> deltaOn(BundledEncoder base, String folder) {
		return Map.of(ArtifactRole.MODEL, artifact(base.modelUri()), ArtifactRole.TOKENIZER,
				artifact(base.tokenizerUri()), ArtifactRole.HEAD, artifact(folder + "bge-sst2-int8.delta.head.json"),
				ArtifactRole.DELTA, artifact(folder + "bge-sst2-int8.delta"));
	}

	@Test
	void activationsAndRollbacksAreAudited() {
		String name = unique("cascade");
		twoTierCascade(name, 0.7);
		twoTierCascade(name, 0.8);
		twoTierCascade(name, 0.9);
		assertThat(this.registry.getActive(name)).isEmpty();
		ActiveCascade v1 = this.registry.activate(ActivationRequest.of(name, 1, "alice", "launch"));
		assertThat(v1.version().version()).isEqualTo(1);
		assertThat(v1.activatedBy()).isEqualTo("alice");
		this.registry.activate(ActivationRequest.of(name, 2, "bob", "better threshold"));
		ActiveCascade v3 = this.registry.activate(ActivationRequest.of(name, 3, "carol", null));
		assertThat(this.registry.activate(ActivationRequest.of(name, 3, "carol", "again")).revision())
			.as("activating the active version changes nothing")
			.isEqualTo(v3.revision());
		assertThat(this.registry.rollback(RollbackRequest.toPrevious(name, "dave", "regression")).version().version())
			.isEqualTo(2);
		assertThat(this.registry.rollback(RollbackRequest.toPrevious(name, "dave", "still bad")).version().version())
			.as("rollbacks walk back through the activations")
			.isEqualTo(1);
		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.registry.rollback(RollbackRequest.toPrevious(name, "dave", null)))
			.withMessageContaining("no version before 1");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.activate(ActivationRequest.of(name, 3, "dave", "a\u0000b")))
			.withMessage("reason holds a NUL character (U+0000), which the database cannot store");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.rollback(RollbackRequest.toPrevious(name, "dave", "x\ud800")))
			.withMessageStartingWith("reason holds a lone surrogate, \\uD800, at character 1");
		ActiveCascade named = this.registry.rollback(new RollbackRequest(name, 3, "erin", "fixed after all", null));
		assertThat(named.version().version()).isEqualTo(3);
		assertThat(this.registry.getActive(name).orElseThrow()).isEqualTo(named);
		assertThat(this.registry.listActive()).contains(named);

		List<ActivationRecord> history = this.registry.history(name);
		assertThat(history)
			.extracting(ActivationRecord::action, ActivationRecord::fromVersion, ActivationRecord::toVersion,
					ActivationRecord::actor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ActivationAction.ROLLBACK, 1, 3, "erin"),
					org.assertj.core.groups.Tuple.tuple(ActivationAction.ROLLBACK, 2, 1, "dave"),
					org.assertj.core.groups.Tuple.tuple(ActivationAction.ROLLBACK, 3, 2, "dave"),
					org.assertj.core.groups.Tuple.tuple(ActivationAction.ACTIVATE, 2, 3, "carol"),
					org.assertj.core.groups.Tuple.tuple(ActivationAction.ACTIVATE, 1, 2, "bob"),
					org.assertj.core.groups.Tuple.tuple(ActivationAction.ACTIVATE, null, 1, "alice"));
		assertThat(history.get(0).reason()).isEqualTo("fixed after all");
		assertThat(history.get(0).at()).isAfterOrEqualTo(history.get(5).at());
		Integer rows = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM activation_audit a JOIN cascades c ON c.id = a.cascade_id
				WHERE c.name = ? AND a.actor IS NOT NULL AND a.occurred_at IS NOT NULL""", Integer.class, name);
		assertThat(rows).isEqualTo(6);
	}

	@Test
	void theDatabaseHoldsOneActiveVersionPerCascade() {
		String name = unique("cascade");
		CascadeVersion first = twoTierCascade(name, 0.7);
		CascadeVersion second = twoTierCascade(name, 0.8);
		CascadeVersion foreign = twoTierCascade(unique("cascade"), 0.8);
		this.registry.activate(ActivationRequest.of(name, 1, "alice", null));
		Long cascadeId = this.jdbc.queryForObject("SELECT id FROM cascades WHERE name = ?", Long.class, name);
		assertThatThrownBy(() -> this.jdbc.update("""
				INSERT INTO active_cascades (cascade_id, cascade_version_id, revision, activated_at, activated_by)
				VALUES (?, ?, 0, CURRENT_TIMESTAMP, 'mallory')""", cascadeId, second.id()))
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> this.jdbc
			.update("UPDATE active_cascades SET cascade_version_id = ? WHERE cascade_id = ?", foreign.id(), cascadeId))
			.as("a version of another cascade cannot be active")
			.isInstanceOf(DataAccessException.class);
		assertThat(this.registry.getActive(name).orElseThrow().version().id()).isEqualTo(first.id());
	}

	@Test
	void concurrentActivationsConflictAndOneWins() throws Exception {
		String name = unique("cascade");
		twoTierCascade(name, 0.6);
		twoTierCascade(name, 0.7);
		twoTierCascade(name, 0.8);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				ActiveCascade current = this.registry.activate(ActivationRequest.of(name, 1, "setup", null));
				int auditRows = this.registry.history(name).size();
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<ActiveCascade>> results = new ArrayList<>();
				for (int version : new int[] { 2, 3 }) {
					results.add(threads.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return this.registry.activate(
								new ActivationRequest(name, version, "thread-" + version, "race", current.revision()));
					}));
				}
				List<ActiveCascade> winners = new ArrayList<>();
				List<Throwable> losers = new ArrayList<>();
				for (Future<ActiveCascade> result : results) {
					try {
						winners.add(result.get(30, TimeUnit.SECONDS));
					}
					catch (java.util.concurrent.ExecutionException ex) {
						losers.add(ex.getCause());
					}
				}
				assertThat(winners).hasSize(1);
				assertThat(losers).singleElement().isInstanceOf(ActivationConflictException.class);
				ActiveCascade active = this.registry.getActive(name).orElseThrow();
				assertThat(active.version().version()).isEqualTo(winners.get(0).version().version());
				assertThat(active.revision()).isGreaterThan(current.revision());
				assertThat(this.registry.history(name)).hasSize(auditRows + 1);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void callersThatSawNoVersionActiveConflictAndOneWins() throws Exception {
		String name = unique("cascade");
		twoTierCascade(name, 0.6);
		twoTierCascade(name, 0.7);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<Future<ActiveCascade>> results = new ArrayList<>();
			for (int version : new int[] { 1, 2 }) {
				results.add(threads.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.registry.activate(new ActivationRequest(name, version, "thread-" + version, "first",
							ActivationRequest.NONE_ACTIVE));
				}));
			}
			List<ActiveCascade> winners = new ArrayList<>();
			List<Throwable> losers = new ArrayList<>();
			for (Future<ActiveCascade> result : results) {
				try {
					winners.add(result.get(30, TimeUnit.SECONDS));
				}
				catch (ExecutionException ex) {
					losers.add(ex.getCause());
				}
			}
			assertThat(winners).hasSize(1);
			assertThat(losers).singleElement().isInstanceOf(ActivationConflictException.class);
			assertThat(losers.get(0)).hasMessageContaining("expected revision none");
			assertThat(this.registry.getActive(name).orElseThrow().version().version())
				.isEqualTo(winners.get(0).version().version());
			assertThat(this.registry.history(name)).hasSize(1);
			assertThatThrownBy(() -> this.registry
				.rollback(new RollbackRequest(name, null, "late", "stale page", ActivationRequest.NONE_ACTIVE)))
				.isInstanceOf(ActivationConflictException.class);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void calibrationCurvesAreRowsThatSqlCanQuery() {
		CascadeVersion cascade = twoTierCascade(unique("cascade"), 0.8);
		CalibrationResult result = this.registry
			.recordCalibration(calibration(cascade, List.of(0.5, 0.6, 0.7, 0.8, 0.9)));
		assertThat(result.thresholds()).containsEntry(0, 0.8);
		assertThat(result.parameters()).containsEntry("maxAccuracyDrop", "0.01");
		assertThat(result.curve()).hasSize(5);
		assertThat(this.registry.listCalibrations(cascade.cascade(), 1)).containsExactly(result);
		List<Double> thresholds = this.jdbc.queryForList("""
				SELECT p.threshold FROM calibration_points p
				JOIN calibration_results r ON r.id = p.calibration_id
				WHERE r.cascade_version_id = ? AND p.gate_index = 0 AND p.accuracy >= 0.91 AND p.escalation <= 0.5
				ORDER BY p.estimated_speedup DESC""", Double.class, cascade.id());
		assertThat(thresholds).containsExactly(0.6, 0.7);
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.recordCalibration(new NewCalibration(cascade.cascade(), 1, "sst2",
					"0".repeat(64), "budget", Map.of(), Map.of(1, 0.5), List.of(), "alice")))
			.withMessageContaining("Gate 1 does not exist");
	}

	@Test
	void theSeedCascadeIsRegisteredOnceAndActive() {
		ActiveCascade active = this.registry.getActive("fixture-sentiment").orElseThrow();
		assertThat(active.version().version()).isEqualTo(1);
		assertThat(active.activatedBy()).isEqualTo(CascadeSeeder.ACTOR);
		assertThat(active.version().tiers()).hasSize(3);
		int models = this.registry.listModelVersions("fixture-encoder").size();
		int audit = this.registry.history("fixture-sentiment").size();
		assertThat(this.seeder.seed()).isEqualTo(CascadeSeeder.Outcome.PRESENT);
		assertThat(this.seeder.seed()).isEqualTo(CascadeSeeder.Outcome.PRESENT);
		assertThat(this.registry.listCascadeVersions("fixture-sentiment")).hasSize(1);
		assertThat(this.registry.listModelVersions("fixture-encoder")).hasSize(models).hasSize(1);
		assertThat(this.registry.history("fixture-sentiment")).hasSize(audit).hasSize(1);
	}

	@Test
	void theSeedDescriptorBecomesOneModelVersionPerTier() {
		String folder = "classpath:fixtures/test-cascade/";
		List<CascadeTier> tiers = this.registry.getActive("fixture-sentiment").orElseThrow().version().tiers();
		assertThat(tiers).extracting(CascadeTier::gate)
			.containsExactly(new Gate(0.95, ConfidenceMeasure.MAX_PROBABILITY, 1.0),
					new Gate(0.85, ConfidenceMeasure.MAX_PROBABILITY, 1.5), null);
		assertThat(tiers).extracting(CascadeTier::batchSize)
			.as("given, or the tier's default")
			.containsExactly(64, 32, 8);
		assertThat(tiers).extracting(CascadeTier::maxBatchDelayMillis).containsExactly(2, 2, 2);
		assertThat(tiers).extracting(CascadeTier::intraOpThreads)
			.as("the descriptor's intraOpThreads, for the tiers that run ONNX Runtime")
			.containsExactly(null, 1, null);
		assertThat(tiers).extracting((tier) -> tier.model().labels()).containsOnly(LABELS);

		ModelVersion lexical = tiers.get(0).model();
		assertThat(lexical.model()).isEqualTo("fixture-lexical");
		assertThat(lexical.kind()).isEqualTo("lexical-linear");
		assertThat(lexical.artifacts()).isEqualTo(Map.of(ArtifactRole.HEAD, artifact(folder + "lexical.json")));
		assertThat(lexical.maxInputLength()).isEqualTo(1_000_000);
		assertThat(lexical.options()).isEmpty();
		assertThat(lexical.description()).isEqualTo("lexical-linear head");

		ModelVersion encoder = tiers.get(1).model();
		assertThat(encoder.model()).isEqualTo("fixture-encoder");
		assertThat(encoder.kind()).isEqualTo("encoder-linear");
		assertThat(encoder.artifacts()).as("the model's sha256 is the one the head was fitted on")
			.isEqualTo(Map.of(ArtifactRole.MODEL, artifact(folder + "encoder.onnx"), ArtifactRole.TOKENIZER,
					artifact(folder + "tokenizer.json"), ArtifactRole.HEAD, artifact(folder + "head.json")));
		assertThat(encoder.maxInputLength()).isEqualTo(128);
		assertThat(encoder.pooling()).isEqualTo(Pooling.MEAN);
		assertThat(encoder.options()).as("the ONNX Runtime settings as written, but the tier's threads")
			.isEqualTo(Map.of("optimization", "all"));

		ModelVersion classifier = tiers.get(2).model();
		assertThat(classifier.model()).isEqualTo("fixture-classifier");
		assertThat(classifier.kind()).isEqualTo("onnx-classifier");
		assertThat(classifier.artifacts()).isEqualTo(Map.of(ArtifactRole.MODEL, artifact(folder + "classifier.onnx"),
				ArtifactRole.TOKENIZER, artifact(folder + "tokenizer.json")));
		assertThat(classifier.maxInputLength()).as("maxTokens rather than the config's 512").isEqualTo(256);
		assertThat(classifier.pooling()).isNull();
		assertThat(classifier.options()).isEqualTo(Map.of("activation", "softmax"));
	}

	@Test
	void modelVersionsResolveToVerifiedLocalFiles() throws Exception {
		ActiveCascade active = this.registry.getActive("fixture-sentiment").orElseThrow();
		ModelVersion encoder = active.version().tiers().get(1).model();
		ResolvedModel resolved = this.resolver.resolve(encoder);
		assertThat(resolved.kind()).isEqualTo("encoder-linear");
		assertThat(resolved.labels()).isEqualTo(LABELS);
		assertThat(resolved.options()).containsEntry("optimization", "all");
		assertThat(resolved.files()).containsOnlyKeys(ArtifactRole.MODEL, ArtifactRole.TOKENIZER, ArtifactRole.HEAD);
		for (Map.Entry<ArtifactRole, Path> file : resolved.files().entrySet()) {
			assertThat(sha256(Files.readAllBytes(file.getValue())))
				.isEqualTo(encoder.artifacts().get(file.getKey()).sha256());
		}
		assertThat(this.resolver.resolve(encoder).files()).isEqualTo(resolved.files());
	}

	@Test
	void theSeedCascadeResolvesButItsPlaceholderEncoderCannotOpen() {
		CascadeVersion version = this.registry.getActive("fixture-sentiment").orElseThrow().version();
		assertThatExceptionOfType(CascadeLoadException.class).isThrownBy(() -> this.loader.load(version))
			.withMessageContaining(
					"Cannot load cascade fixture-sentiment version 1, tier 1 (model fixture-encoder:1, encoder-linear): "
							+ "cannot open the tier")
			.satisfies((ex) -> assertThat(ex.tier()).hasValue(1));
	}

	@Test
	void activationsAreAnnouncedWithinSeconds() throws Exception {
		try (WatchedCascade watched = watchedTwoVersionCascade()) {
			this.registry.activate(ActivationRequest.of(watched.name(), 1, "alice", null));
			ActivationEvent first = watched.events().poll(ANNOUNCED.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(first).isNotNull();
			assertThat(first.fromVersion()).isNull();
			assertThat(first.toVersion()).isEqualTo(1);
			this.registry.activate(ActivationRequest.of(watched.name(), 2, "bob", null));
			ActivationEvent second = watched.events().poll(ANNOUNCED.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(second).isNotNull();
			assertThat(second.fromVersion()).isEqualTo(1);
			assertThat(second.toVersion()).isEqualTo(2);
			assertThat(second.activatedBy()).isEqualTo("bob");
		}
	}

	/**
	 * Registers a new cascade of two versions, neither active, and collects its
	 * activation events until closed.
	 * @return the cascade and its events
	 */
	WatchedCascade watchedTwoVersionCascade() {
		String name = unique("cascade");
		twoTierCascade(name, 0.7);
		twoTierCascade(name, 0.8);
		BlockingQueue<ActivationEvent> events = new LinkedBlockingQueue<>();
		RegistryChanges.Subscription subscription = this.changes.onActivation((event) -> {
			if (event.cascade().equals(name)) {
				events.add(event);
			}
		});
		return new WatchedCascade(name, events, subscription);
	}

	ModelVersion registerClassifier(String name, List<Label> labels) {
		return this.registry.registerModelVersion(new NewModelVersion(name, "onnx-classifier",
				Map.of(ArtifactRole.MODEL, artifact(CLASSIFIER_URI), ArtifactRole.TOKENIZER, artifact(TOKENIZER_URI)),
				labels, 128, null, Map.of(), "test classifier", "alice"));
	}

	CascadeVersion twoTierCascade(String name, double threshold) {
		ModelVersion small = registerClassifier(unique("small"), LABELS);
		ModelVersion large = registerClassifier(unique("large"), LABELS);
		return this.registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(small.key(), new Gate(threshold, ConfidenceMeasure.MARGIN, 1.25), 32, 5),
						new NewTier(large.key(), null, 8, 20)),
				"threshold " + threshold, "alice"));
	}

	@Test
	void servingReportsAreReplacedPerInstanceAndListedPerCascade() {
		String cascade = unique("cascade");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ServingReport loading = new ServingReport("host-a:1", cascade, 4, null, "LOADING", null, now);
		this.servingReports.save(loading);
		ServingReport fallback = new ServingReport("host-a:1", cascade, 4, 2, "FALLBACK",
				"Cascade " + cascade + " version 4 failed to load (NoSuchFileException)", now.plusSeconds(1));
		this.servingReports.save(fallback);
		ServingReport other = new ServingReport("host-b:7", cascade, 4, 4, "SERVING", null, now);
		this.servingReports.save(other);
		this.servingReports.save(new ServingReport("host-b:7", unique("cascade"), 1, 1, "SERVING", null, now));

		assertThat(this.servingReports.list(cascade)).containsExactly(fallback, other);
		assertThat(fallback.servesActive()).isFalse();
		assertThat(other.servesActive()).isTrue();
		assertThat(fallback.staleAt(now.plus(ServingReports.STALE_AFTER))).isFalse();
		assertThat(fallback.staleAt(now.plus(ServingReports.STALE_AFTER).plusSeconds(2))).isTrue();

		this.servingReports.deleteAll("host-b:7");
		assertThat(this.servingReports.list(cascade)).containsExactly(fallback);
		this.servingReports.delete("host-a:1", cascade);
		assertThat(this.servingReports.list(cascade)).isEmpty();
	}

	@Test
	void servingReportsNotRenewedWithinTheRetentionExpireWhicheverInstanceWroteThem() {
		String cascade = unique("cascade");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ServingReport killed = new ServingReport(unique("killed") + ":1", cascade, 3, 3, "SERVING", null,
				now.minus(Duration.ofHours(2)));
		ServingReport silent = new ServingReport(unique("silent") + ":2", cascade, 3, 3, "SERVING", null,
				now.minus(Duration.ofMinutes(30)));
		ServingReport live = new ServingReport(unique("live") + ":3", cascade, 3, 3, "SERVING", null, now);
		for (ServingReport report : List.of(killed, silent, live)) {
			this.servingReports.save(report);
		}
		assertThat(this.servingReports.expire(now.minus(Duration.ofHours(1)))).isGreaterThanOrEqualTo(1);
		// The silent instance's report is stale, but kept (and shown as stale) until it
		// is older than the retention too.
		assertThat(this.servingReports.list(cascade)).containsExactlyInAnyOrder(silent, live);
		assertThat(silent.staleAt(now)).isTrue();
		assertThat(this.servingReports.expire(now.minus(Duration.ofMinutes(10)))).isGreaterThanOrEqualTo(1);
		assertThat(this.servingReports.list(cascade)).containsExactly(live);
		this.servingReports.deleteAll(live.instance());
	}

	static NewCalibration calibration(CascadeVersion cascade, List<Double> thresholds) {
		List<CalibrationPoint> curve = new ArrayList<>();
		for (double threshold : thresholds) {
			curve.add(new CalibrationPoint(0, threshold, 0.8 + threshold * 0.2, threshold * 0.7,
					1 / (0.2 + threshold * 0.7)));
		}
		return new NewCalibration(cascade.cascade(), cascade.version(), "sst2-validation", "ab".repeat(32),
				"max-speedup-within-accuracy-drop", Map.of("maxAccuracyDrop", "0.01"), Map.of(0, 0.8), curve, "alice");
	}

	static ArtifactRef artifact(String classpathUri) {
		String resource = classpathUri.substring("classpath:".length());
		try (var in = RegistryScenarios.class.getClassLoader().getResourceAsStream(resource)) {
			return new ArtifactRef(classpathUri, sha256(in.readAllBytes()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A cascade whose activation events are collected.
	 *
	 * @param name the cascade's name
	 * @param events its activation events, in order
	 * @param subscription the subscription, closed by {@link #close()}
	 */
	record WatchedCascade(String name, BlockingQueue<ActivationEvent> events,
			RegistryChanges.Subscription subscription) implements AutoCloseable {

		@Override
		public void close() {
			this.subscription.close();
		}

	}

}
