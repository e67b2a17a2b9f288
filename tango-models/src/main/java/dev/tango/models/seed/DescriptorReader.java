package dev.tango.models.seed;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

import dev.tango.core.batching.BatchingSettings;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Label;
import dev.tango.models.artifact.ArtifactLocation;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.loading.EngineOptions;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.classifier.OnnxClassifierKind;
import dev.tango.runtime.classifier.ClassifierConfig;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.TrainingProvenance;
import dev.tango.runtime.json.JsonObject;
import dev.tango.runtime.lexical.LexicalTier;

/**
 * Reads a cascade descriptor of the runtime's format ({@link CascadeDescriptor}) into
 * registry requests. Head files and classifier configurations are read for labels and
 * limits, and the sha256 of every artifact is taken from the descriptor or head file
 * where they give one, else computed from the content. Artifact URIs are checked by the
 * {@link ArtifactUriValidator} before anything is read; only {@code classpath:} and
 * {@code file:} artifacts are read.
 * <p>
 * Relative URIs resolve against the descriptor's folder, for a descriptor on the class
 * path or in a file; absolute paths become {@code file:} URIs.
 */
final class DescriptorReader {

	/**
	 * The input limit registered for lexical models, which read texts whole: the
	 * registry's largest.
	 */
	static final int LEXICAL_MAX_INPUT_LENGTH = 1_000_000;

	/** The batch delay of every tier: the batcher's default. */
	static final int MAX_BATCH_DELAY_MILLIS = (int) BatchingSettings.DEFAULT.maxDelay().toMillis();

	private static final Logger logger = LoggerFactory.getLogger(DescriptorReader.class);

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	private final ArtifactUriValidator validator;

	private final ClassLoader classLoader;

	private final String location;

	private final @Nullable String classpathFolder;

	private final @Nullable Path folder;

	private final CascadeSpec descriptor;

	private final List<JsonObject> tierNodes;

	/**
	 * Parses and validates a descriptor, without reading any artifact.
	 * @param validator judges every artifact URI
	 * @param classLoader holds {@code classpath:} artifacts
	 * @param location the descriptor's location, for messages and relative URIs
	 * @param resource the descriptor
	 * @param content the descriptor's content
	 * @throws IOException if the descriptor is invalid
	 */
	DescriptorReader(ArtifactUriValidator validator, ClassLoader classLoader, String location, Resource resource,
			byte[] content) throws IOException {
		this.descriptor = CascadeDescriptor.parse(new ByteArrayInputStream(content), location);
		this.tierNodes = JsonObject.parse(new ByteArrayInputStream(content), location).objects("tiers");
		this.validator = validator;
		this.classLoader = classLoader;
		this.location = location;
		if (location.startsWith(DefaultArtifactSource.CLASSPATH)) {
			this.classpathFolder = location.substring(0,
					Math.max(location.lastIndexOf('/') + 1, DefaultArtifactSource.CLASSPATH.length()));
			this.folder = null;
		}
		else {
			this.classpathFolder = null;
			this.folder = fileFolder(resource);
		}
	}

	private static @Nullable Path fileFolder(Resource resource) {
		try {
			return resource.isFile() ? resource.getFile().toPath().toAbsolutePath().getParent() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Returns the cascade's name.
	 * @return the name
	 */
	String cascade() {
		return this.descriptor.name();
	}

	/**
	 * Reads the artifacts the descriptor names into registry requests.
	 * @return the registry requests
	 * @throws IOException if an artifact is invalid or cannot be read
	 */
	SeedPlan plan() throws IOException {
		CascadeSpec parsed = this.descriptor;
		List<SeedPlan.Tier> tiers = new ArrayList<>();
		for (int i = 0; i < parsed.tiers().size(); i++) {
			JsonObject onnxRuntime = this.tierNodes.get(i).optObject("onnxRuntime");
			Set<String> explicit = (onnxRuntime != null) ? Set.copyOf(onnxRuntime.fieldNames()) : Set.of();
			boolean last = i == parsed.tiers().size() - 1;
			try {
				tiers.add(tier(parsed.tiers().get(i), explicit, last));
			}
			catch (IOException | RuntimeException ex) {
				throw new IOException("Tier " + i + " (" + parsed.tiers().get(i).kind() + ") of " + this.location + ": "
						+ ex.getMessage(), ex);
			}
		}
		return new SeedPlan(parsed.name(), tiers);
	}

	private SeedPlan.Tier tier(TierSpec tier, Set<String> explicitOnnxRuntime, boolean last) throws IOException {
		Set<String> modelOptions = new HashSet<>(explicitOnnxRuntime);
		boolean threadsGiven = modelOptions.remove(EngineOptions.INTRA_OP_THREADS);
		Map<String, String> options = new LinkedHashMap<>(EngineOptions.of(tier.onnxRuntime(), modelOptions));
		NewModelVersion model;
		int defaultBatchSize;
		switch (tier.kind()) {
			case "encoder-linear" -> {
				String headUri = resolve(uri(tier, "head"));
				Head head = head(headUri, HeadKind.ENCODER_LINEAR);
				EncoderIdentity encoder = head.file().requireEncoder();
				ArtifactRef modelRef;
				ArtifactRef tokenizerRef;
				Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
				EncoderDelta delta = head.file().encoderDelta();
				if (tier.artifact("model") == null && delta != null) {
					BundledEncoder base = BundledEncoder.byId(delta.base())
						.orElseThrow(() -> new IOException("The encoder delta of head " + headUri + " applies to "
								+ delta.base() + ", which is not a bundled encoder"));
					modelRef = new ArtifactRef(base.modelUri(), base.identity().onnxSha256());
					tokenizerRef = new ArtifactRef(base.tokenizerUri(), base.tokenizerSha256());
					artifacts.put(ArtifactRole.DELTA,
							new ArtifactRef(TierArtifact.of(headUri).sibling(delta.file()), delta.sha256()));
				}
				else if (tier.artifact("model") == null) {
					BundledEncoder bundled = BundledEncoder.byId(encoder.id())
						.orElseThrow(() -> new IOException(
								"Encoder " + encoder.id() + " is not bundled: give the model and tokenizer URIs"));
					modelRef = new ArtifactRef(bundled.modelUri(), encoder.onnxSha256());
					tokenizerRef = new ArtifactRef(bundled.tokenizerUri(), bundled.tokenizerSha256());
				}
				else {
					modelRef = new ArtifactRef(resolve(uri(tier, "model")), encoder.onnxSha256());
					tokenizerRef = computed(resolve(uri(tier, "tokenizer")));
				}
				String name = (tier.name() != null) ? tier.name() : encoder.id() + "-" + SeedNames.stem(headUri);
				artifacts.put(ArtifactRole.MODEL, modelRef);
				artifacts.put(ArtifactRole.TOKENIZER, tokenizerRef);
				artifacts.put(ArtifactRole.HEAD, head.ref());
				model = model(name, tier.kind(), artifacts, labels(tier, head.file().head().labels(), headUri),
						encoder.maxTokens(), encoder.pooling(), options, describe(head.file()));
				defaultBatchSize = EncoderLinearTier.DEFAULT_BATCH_SIZE;
			}
			case "lexical-linear" -> {
				String headUri = resolve(uri(tier, "head"));
				Head head = head(headUri, HeadKind.LEXICAL_LINEAR);
				String name = (tier.name() != null) ? tier.name() : "lexical-" + SeedNames.stem(headUri);
				model = model(name, tier.kind(), Map.of(ArtifactRole.HEAD, head.ref()),
						labels(tier, head.file().head().labels(), headUri), LEXICAL_MAX_INPUT_LENGTH, null, Map.of(),
						describe(head.file()));
				defaultBatchSize = LexicalTier.DEFAULT_BATCH_SIZE;
			}
			case "onnx-classifier" -> {
				String modelUri = resolve(uri(tier, "model"));
				String modelSha256 = tier.requireArtifact("model").sha256();
				ArtifactRef modelRef = (modelSha256 != null) ? new ArtifactRef(modelUri, modelSha256)
						: computed(modelUri);
				String configUri = resolve(uri(tier, "config"));
				ClassifierConfig config;
				try (InputStream in = open(configUri)) {
					config = ClassifierConfig.read(in, configUri);
				}
				options.put(EngineOptions.ACTIVATION, EngineOptions.id(config.activation()));
				String maxTokensOption = tier.options().get(OnnxClassifierKind.MAX_TOKENS);
				int maxTokens = (maxTokensOption != null) ? Integer.parseInt(maxTokensOption)
						: (config.maxPositions() != null) ? config.maxPositions()
								: OnnxClassifierTier.DEFAULT_MAX_TOKENS;
				String name = (tier.name() != null) ? tier.name() : SeedNames.folderName(modelUri);
				model = model(name, tier.kind(),
						Map.of(ArtifactRole.MODEL, modelRef, ArtifactRole.TOKENIZER,
								computed(resolve(uri(tier, "tokenizer")))),
						classifierLabels(tier, config, configUri), maxTokens, null, options,
						"Exported classifier " + modelUri);
				defaultBatchSize = OnnxClassifierTier.DEFAULT_BATCH_SIZE;
			}
			default -> throw new IOException("tier kind '" + tier.kind()
					+ "' cannot be seeded into the registry: the seeder reads encoder-linear, lexical-linear and "
					+ "onnx-classifier tiers");
		}
		Gate gate = null;
		if (!last) {
			gate = new Gate(tier.settings().threshold(), tier.settings().measure(), tier.settings().temperature());
		}
		else if (tier.settings().temperature() != 1.0
				|| tier.settings().measure() != ConfidenceMeasure.MAX_PROBABILITY) {
			logger.warn("{}: the last tier of a cascade has no gate; its confidence and temperature are not kept",
					this.location);
		}
		int batchSize = (tier.batchSize() != null) ? tier.batchSize() : defaultBatchSize;
		Integer threads = (threadsGiven && TierKinds.installed().get(tier.kind()).runsOnnxRuntime())
				? tier.onnxRuntime().intraOpThreads() : null;
		return new SeedPlan.Tier(model, gate, batchSize, MAX_BATCH_DELAY_MILLIS, threads);
	}

	/**
	 * Returns a tier's labels: the descriptor's, with their display names, which must
	 * have the identifiers the artifact gives; else the artifact's, without display
	 * names.
	 */
	private static List<Label> labels(TierSpec tier, List<String> artifactLabels, String artifact) throws IOException {
		if (tier.labels().isEmpty()) {
			return Label.of(artifactLabels);
		}
		if (!tier.labelIds().equals(artifactLabels)) {
			throw new IOException(
					artifact + " has labels " + artifactLabels + ", the descriptor names " + tier.labelIds());
		}
		return tier.labels();
	}

	/**
	 * Returns a classifier's labels. Without labels in the descriptor, the values of the
	 * configuration's {@code id2label} are the identifiers. With them, the descriptor
	 * gives the identifiers, one per {@code id2label} entry, and a label without a
	 * display name in the descriptor takes its {@code id2label} value as one when that
	 * differs from its identifier (as {@code NEGATIVE} for {@code 0}).
	 */
	private static List<Label> classifierLabels(TierSpec tier, ClassifierConfig config, String configUri)
			throws IOException {
		List<String> names = config.labels();
		if (tier.labels().isEmpty()) {
			return Label.of(names);
		}
		if (tier.labels().size() != names.size()) {
			throw new IOException(configUri + " maps " + names.size() + " outputs in id2label, the descriptor names "
					+ tier.labels().size() + " labels " + tier.labelIds());
		}
		List<Label> labels = new ArrayList<>(names.size());
		for (int i = 0; i < names.size(); i++) {
			Label given = tier.labels().get(i);
			boolean named = given.displayName() != null || given.id().equals(names.get(i));
			labels.add(named ? given : new Label(given.id(), names.get(i)));
		}
		return labels;
	}

	private static String uri(TierSpec tier, String role) {
		return tier.requireArtifact(role).uri();
	}

	private static NewModelVersion model(String name, String kind, Map<ArtifactRole, ArtifactRef> artifacts,
			List<Label> labels, int maxInputLength, @Nullable Pooling pooling, Map<String, String> options,
			@Nullable String description) {
		return new NewModelVersion(SeedNames.modelName(name), kind, new EnumMap<>(artifacts), labels, maxInputLength,
				pooling, options, description, CascadeSeeder.ACTOR);
	}

	private Head head(String uri, HeadKind kind) throws IOException {
		byte[] content;
		try (InputStream in = open(uri)) {
			content = in.readAllBytes();
		}
		HeadFile file = HeadFiles.read(new ByteArrayInputStream(content), uri);
		if (file.kind() != kind) {
			throw new IOException("Head " + uri + " is a " + file.kind().id() + " head, expected " + kind.id());
		}
		return new Head(file, new ArtifactRef(uri, Sha256.of(content)));
	}

	private ArtifactRef computed(String uri) throws IOException {
		try (InputStream in = open(uri)) {
			return new ArtifactRef(uri, Sha256.of(in));
		}
	}

	private InputStream open(String uri) throws IOException {
		ArtifactLocation location = this.validator.validate(uri);
		return switch (location) {
			case ArtifactLocation.Classpath classpath -> {
				InputStream in = this.classLoader.getResourceAsStream(classpath.resource());
				if (in == null) {
					throw new FileNotFoundException("No classpath resource " + uri);
				}
				yield in;
			}
			case ArtifactLocation.File file -> Files.newInputStream(file.path());
			case ArtifactLocation.Https https ->
				throw new IOException("Descriptors name classpath: and file: artifacts only, not " + uri);
		};
	}

	private String resolve(String value) {
		if (SCHEME.matcher(value).find()) {
			return value;
		}
		Path path = Path.of(value);
		if (path.isAbsolute()) {
			return path.normalize().toUri().toString();
		}
		if (this.classpathFolder != null) {
			return StringUtils.cleanPath(this.classpathFolder + value);
		}
		if (this.folder != null) {
			return this.folder.resolve(path).normalize().toUri().toString();
		}
		throw new IllegalArgumentException("Relative URI '" + value + "' in " + this.location
				+ ": only descriptors on the class path or in a file resolve relative URIs");
	}

	private static @Nullable String describe(HeadFile head) {
		StringBuilder text = new StringBuilder(head.kind().id()).append(" head");
		if (head.encoder() != null) {
			text.append(" on ").append(head.encoder().id());
		}
		TrainingProvenance training = head.training();
		if (training != null) {
			text.append(", fitted on ")
				.append(training.dataset())
				.append(" (")
				.append(training.rows())
				.append(" rows, held-out accuracy ")
				.append(String.format(Locale.ROOT, "%.4f", training.heldOutAccuracy()))
				.append(')');
		}
		return (text.length() <= 2000) ? text.toString() : text.substring(0, 2000);
	}

	private record Head(HeadFile file, ArtifactRef ref) {
	}

}
