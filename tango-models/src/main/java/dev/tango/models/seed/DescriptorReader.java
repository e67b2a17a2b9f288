package dev.tango.models.seed;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
import dev.tango.models.artifact.ArtifactLocation;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.loading.EngineOptions;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.json.JsonObject;

/**
 * Reads a cascade descriptor of the runtime's format ({@link CascadeDescriptor}) into
 * registry requests. Each tier's kind says what the registry records of it
 * ({@link TierKind#registration}), reading its head files or configurations for labels
 * and limits, so that a kind added as a plug-in seeds as the bundled ones do; the sha256
 * of every artifact is taken from what the kind gives where it gives one, else computed
 * from the content. Artifact URIs are checked by the {@link ArtifactUriValidator} before
 * anything is read; only {@code classpath:} and {@code file:} artifacts are read.
 * <p>
 * Relative URIs resolve against the descriptor's folder, for a descriptor on the class
 * path or in a file; absolute paths become {@code file:} URIs.
 */
final class DescriptorReader {

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

	/** Opens the descriptor's artifacts for their kinds, through the URI validator. */
	private final ArtifactSource source = new ArtifactSource() {

		@Override
		public InputStream open(String uri) throws IOException {
			return DescriptorReader.this.open(uri);
		}

		@Override
		public Path file(String uri, @Nullable String sha256) throws IOException {
			throw new IOException("Seeding reads artifacts as streams, not as files: " + uri);
		}

	};

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
		TierKind kind = TierKinds.installed().get(tier.kind());
		TierRegistration registration = kind.registration(tier.withArtifactUris(this::resolve), this.source);
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		for (Map.Entry<String, TierArtifact> artifact : registration.artifacts().entrySet()) {
			ArtifactRole role = ArtifactRole.of(artifact.getKey())
				.orElseThrow(() -> new IOException("the registry keeps no artifact in the role '" + artifact.getKey()
						+ "', only in " + Arrays.stream(ArtifactRole.values()).map(ArtifactRole::id).toList()));
			String uri = artifact.getValue().uri();
			String sha256 = artifact.getValue().sha256();
			artifacts.put(role, (sha256 != null || !kind.checksummed(artifact.getKey())) ? new ArtifactRef(uri, sha256)
					: computed(uri));
		}
		Set<String> modelOptions = new HashSet<>(explicitOnnxRuntime);
		boolean threadsGiven = modelOptions.remove(EngineOptions.INTRA_OP_THREADS);
		Map<String, String> options = new LinkedHashMap<>(
				kind.runsOnnxRuntime() ? EngineOptions.of(tier.onnxRuntime(), modelOptions) : Map.of());
		options.putAll(registration.options());
		NewModelVersion model = new NewModelVersion(SeedNames.modelName(registration.name()), tier.kind(), artifacts,
				registration.labels(), registration.maxInputLength(), registration.pooling(), options,
				registration.description(), CascadeSeeder.ACTOR);
		Gate gate = null;
		if (!last) {
			gate = new Gate(tier.settings().threshold(), tier.settings().measure(), tier.settings().temperature());
		}
		else if (tier.settings().temperature() != 1.0
				|| tier.settings().measure() != ConfidenceMeasure.MAX_PROBABILITY) {
			logger.warn("{}: the last tier of a cascade has no gate; its confidence and temperature are not kept",
					this.location);
		}
		int batchSize = (tier.batchSize() != null) ? tier.batchSize() : registration.defaultBatchSize();
		Integer threads = (threadsGiven && kind.runsOnnxRuntime()) ? tier.onnxRuntime().intraOpThreads() : null;
		return new SeedPlan.Tier(model, gate, batchSize, MAX_BATCH_DELAY_MILLIS, threads);
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

}
