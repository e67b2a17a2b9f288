package dev.tango.bench.cascade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierDescriptor;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSettings;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cascade descriptor file, in either of Tango's two formats, read into the runtime's
 * {@link CascadeDescriptor} with every relative artifact URI resolved against the
 * descriptor's own folder:
 * <ul>
 * <li>the runtime format ({@code "format": "tango-cascade"}, read by
 * {@link CascadeDescriptor#parse}; see the runtime's README);</li>
 * <li>the registry format that the registry seeds itself from (tiers holding a
 * {@code model} object with {@code kind}, {@code artifacts}, {@code labels}; see
 * {@code dev.tango.models.seed.CascadeDescriptor}). Its {@code ENCODER_HEAD} tiers become
 * {@code encoder-linear} tiers and its {@code LEXICAL} tiers {@code lexical-linear} ones;
 * the sha256 of each artifact is checked when the cascade is {@link #open opened}.</li>
 * </ul>
 * The location is a file path or a {@code classpath:} URI. The file's JSON is kept, so
 * that {@link #withThresholds} changes the thresholds and nothing else.
 *
 * @param location where the descriptor was read from
 * @param descriptor the descriptor, URIs resolved
 * @param json the file's JSON
 * @param checksums the expected sha256 of artifact URIs (resolved), from a registry
 * descriptor; empty for the runtime format
 * @param base the folder relative URIs are resolved against: a path ending in {@code /}
 * or a {@code classpath:} prefix
 */
public record CascadeFile(String location, CascadeDescriptor descriptor, ObjectNode json, Map<String, String> checksums,
		String base) {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	public CascadeFile {
		Objects.requireNonNull(location, "location");
		Objects.requireNonNull(descriptor, "descriptor");
		json = json.deepCopy();
		checksums = Map.copyOf(checksums);
		Objects.requireNonNull(base, "base");
	}

	/**
	 * Reads a descriptor.
	 * @param location a file path, or a {@code classpath:} URI resolved by {@code source}
	 * @param source opens {@code classpath:} locations
	 * @return the descriptor
	 * @throws IOException if the descriptor cannot be read or is invalid
	 */
	public static CascadeFile read(String location, ArtifactSource source) throws IOException {
		byte[] bytes;
		String base;
		if (location.regionMatches(true, 0, DefaultArtifactSource.CLASSPATH, 0,
				DefaultArtifactSource.CLASSPATH.length())) {
			try (InputStream in = source.open(location)) {
				bytes = in.readAllBytes();
			}
			base = location.substring(0, location.lastIndexOf('/') + 1);
			if (base.isEmpty()) {
				base = DefaultArtifactSource.CLASSPATH;
			}
		}
		else {
			Path file = Path.of(location).toAbsolutePath().normalize();
			bytes = Files.readAllBytes(file);
			base = file.getParent().toString() + "/";
		}
		ObjectNode json = parseObject(bytes, location);
		if (CascadeDescriptor.FORMAT.equals(json.path("format").asString(null))) {
			CascadeDescriptor parsed = CascadeDescriptor.parse(new ByteArrayInputStream(bytes), location);
			List<TierDescriptor> tiers = new ArrayList<>();
			for (TierDescriptor tier : parsed.tiers()) {
				tiers.add(resolved(tier, base));
			}
			return new CascadeFile(location, new CascadeDescriptor(parsed.name(), tiers), json, Map.of(), base);
		}
		return RegistryFormat.read(location, json, base);
	}

	/**
	 * Opens the tiers, after checking the sha256 of every artifact a registry descriptor
	 * lists.
	 * @param source resolves artifact URIs
	 * @param change changes each tier before it opens, such as its threads or batch size
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if an artifact is missing, differs from its sha256, or cannot
	 * be opened
	 */
	public LoadedCascade open(ArtifactSource source, UnaryOperator<TierDescriptor> change) throws IOException {
		for (Map.Entry<String, String> checksum : this.checksums.entrySet()) {
			source.file(checksum.getKey(), checksum.getValue());
		}
		List<TierDescriptor> tiers = this.descriptor.tiers().stream().map(change).toList();
		return new CascadeLoader(source).open(new CascadeDescriptor(this.descriptor.name(), tiers), null);
	}

	/**
	 * Returns the file's JSON with new thresholds, and everything else as it was but its
	 * relative artifact URIs, which are rewritten to point at the same artifacts from
	 * another folder.
	 * @param folder the folder the JSON will be written to
	 * @param thresholds one threshold per tier but the last
	 * @param batchSize the batch size to write on every tier, or {@code null} to leave
	 * them
	 * @param calibration an object to store as the descriptor's {@code calibration} field
	 * (ignored by both readers), or {@code null}
	 * @return a new JSON object
	 */
	public ObjectNode withThresholds(Path folder, List<Double> thresholds, @Nullable Integer batchSize,
			@Nullable JsonNode calibration) {
		int count = this.descriptor.tiers().size();
		if (thresholds.size() != count - 1) {
			throw new IllegalArgumentException(thresholds.size() + " thresholds for " + count + " tiers");
		}
		ObjectNode copy = this.json.deepCopy();
		JsonNode tiers = copy.get("tiers");
		for (int k = 0; k < count; k++) {
			ObjectNode tier = (ObjectNode) tiers.get(k);
			rebase(tier, folder);
			if (tier.path("model").path("artifacts") instanceof ObjectNode artifacts) {
				for (JsonNode artifact : artifacts.values()) {
					if (artifact instanceof ObjectNode object) {
						rebase(object, folder);
					}
				}
			}
			if (k < count - 1) {
				tier.put("threshold", thresholds.get(k));
			}
			if (batchSize != null) {
				tier.put("batchSize", batchSize);
			}
		}
		if (calibration != null) {
			copy.set("calibration", calibration);
		}
		return copy;
	}

	private void rebase(ObjectNode node, Path folder) {
		for (String field : List.of("uri", "head", "model", "tokenizer", "config", "directory")) {
			JsonNode value = node.get(field);
			if (value != null && value.isString()) {
				node.put(field, rebase(value.asString(), folder));
			}
		}
	}

	/**
	 * Returns a URI relative to this descriptor's folder as seen from another folder:
	 * unchanged if it has a scheme or is absolute, a {@code classpath:} URI if this
	 * descriptor is a classpath resource, else the path relative to {@code folder}.
	 */
	String rebase(String uri, Path folder) {
		String resolved = Objects.requireNonNull(resolve(uri, this.base));
		if (resolved.equals(uri) || SCHEME.matcher(resolved).find()) {
			return resolved;
		}
		Path target = folder.toAbsolutePath().normalize();
		return target.relativize(Path.of(resolved)).toString().replace('\\', '/');
	}

	/**
	 * Returns the thresholds the descriptor gives, one per tier but the last.
	 * @return the thresholds
	 */
	public List<Double> thresholds() {
		List<TierDescriptor> tiers = this.descriptor.tiers();
		return tiers.subList(0, tiers.size() - 1).stream().map((tier) -> tier.settings().threshold()).toList();
	}

	/**
	 * Returns a copy of a tier descriptor with another batch size.
	 * @param tier the tier
	 * @param batchSize the batch size, at least 1
	 * @return the copy
	 */
	public static TierDescriptor withBatchSize(TierDescriptor tier, int batchSize) {
		TierSettings s = tier.settings();
		return new TierDescriptor(tier.kind(), tier.name(), tier.head(), tier.model(), tier.tokenizer(), tier.config(),
				tier.modelSha256(), tier.maxTokens(), tier.onnxRuntime(), batchSize,
				new TierSettings(batchSize, s.confidence(), s.temperature(), s.threshold()));
	}

	/**
	 * Returns a copy of a tier descriptor with other ONNX Runtime settings.
	 * @param tier the tier
	 * @param options the settings
	 * @return the copy
	 */
	public static TierDescriptor withOnnxRuntime(TierDescriptor tier, OrtOptions options) {
		return new TierDescriptor(tier.kind(), tier.name(), tier.head(), tier.model(), tier.tokenizer(), tier.config(),
				tier.modelSha256(), tier.maxTokens(), options, tier.batchSize(), tier.settings());
	}

	static ObjectNode parseObject(byte[] bytes, String location) throws IOException {
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new IOException(location + ": not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IOException(location + ": expected a JSON object");
		}
		return object;
	}

	static @Nullable String resolve(@Nullable String uri, String base) {
		if (uri == null || SCHEME.matcher(uri).find() || uri.startsWith("/")) {
			return uri;
		}
		if (base.regionMatches(true, 0, DefaultArtifactSource.CLASSPATH, 0, DefaultArtifactSource.CLASSPATH.length())) {
			return base + uri;
		}
		return Path.of(base).resolve(uri).normalize().toString();
	}

	private static TierDescriptor resolved(TierDescriptor tier, String base) {
		return new TierDescriptor(tier.kind(), tier.name(), resolve(tier.head(), base), resolve(tier.model(), base),
				resolve(tier.tokenizer(), base), resolve(tier.config(), base), tier.modelSha256(), tier.maxTokens(),
				tier.onnxRuntime(), tier.batchSize(), tier.settings());
	}

	/**
	 * The registry format, as the registry's seeder reads it.
	 */
	static final class RegistryFormat {

		private RegistryFormat() {
		}

		static CascadeFile read(String location, ObjectNode json, String base) throws IOException {
			String name = text(json, "name", location);
			JsonNode tierNodes = json.path("tiers");
			if (!tierNodes.isArray() || tierNodes.isEmpty()) {
				throw new IOException(location + ": expected a non-empty array 'tiers'");
			}
			List<TierDescriptor> tiers = new ArrayList<>();
			Map<String, String> checksums = new java.util.LinkedHashMap<>();
			for (int i = 0; i < tierNodes.size(); i++) {
				String where = location + ": tiers[" + i + "]";
				JsonNode tier = tierNodes.get(i);
				JsonNode model = tier.path("model");
				if (!model.isObject()) {
					throw new IOException(where + ": expected 'format': 'tango-cascade', or a 'model' object per tier"
							+ " as the registry reads it");
				}
				String kind = text(model, "kind", where + ".model");
				JsonNode artifacts = model.path("artifacts");
				String head = artifact(artifacts, "head", base, checksums);
				String modelUri = artifact(artifacts, "model", base, checksums);
				String tokenizer = artifact(artifacts, "tokenizer", base, checksums);
				TierKind tierKind = switch (kind) {
					case "ENCODER_HEAD" -> TierKind.ENCODER_LINEAR;
					case "LEXICAL" -> TierKind.LEXICAL_LINEAR;
					default -> throw new IOException(
							where + ": model kind " + kind + " is not read here: use the runtime format for it");
				};
				if (head == null) {
					throw new IOException(where + ": a " + kind + " model needs a 'head' artifact");
				}
				if (tierKind == TierKind.LEXICAL_LINEAR) {
					modelUri = null;
					tokenizer = null;
				}
				Integer batchSize = tier.has("batchSize") ? tier.get("batchSize").asInt() : null;
				boolean last = i == tierNodes.size() - 1;
				if (!last && !tier.path("threshold").isNumber()) {
					throw new IOException(where + ": 'threshold' is required for every tier but the last");
				}
				TierSettings settings;
				try {
					settings = new TierSettings((batchSize != null) ? batchSize : 1,
							TierSettings.measure(tier.path("confidence").asString("MAX_PROBABILITY")),
							tier.path("temperature").asDouble(1.0), last ? 0.0 : tier.get("threshold").asDouble());
				}
				catch (IllegalArgumentException ex) {
					throw new IOException(where + ": " + ex.getMessage(), ex);
				}
				tiers.add(new TierDescriptor(tierKind, text(model, "name", where + ".model"), head, modelUri, tokenizer,
						null, null, null, ortOptions(model.path("options"), where), batchSize, settings));
			}
			return new CascadeFile(location, new CascadeDescriptor(name, tiers), json, checksums, base);
		}

		private static @Nullable String artifact(JsonNode artifacts, String role, String base,
				Map<String, String> checksums) {
			JsonNode artifact = artifacts.path(role);
			if (!artifact.isObject() || !artifact.path("uri").isString()) {
				return null;
			}
			String uri = resolve(artifact.get("uri").asString(), base);
			String sha256 = artifact.path("sha256").asString(null);
			if (uri != null && sha256 != null) {
				checksums.put(uri, sha256.toLowerCase(Locale.ROOT));
			}
			return uri;
		}

		private static OrtOptions ortOptions(JsonNode options, String where) throws IOException {
			OrtOptions defaults = OrtOptions.defaults();
			if (!options.isObject()) {
				return defaults;
			}
			try {
				return new OrtOptions(options.path("intraOpThreads").asInt(defaults.intraOpThreads()),
						options.path("interOpThreads").asInt(defaults.interOpThreads()),
						options.has("optimization") ? GraphOptimization.of(options.get("optimization").asString())
								: defaults.optimization(),
						options.path("memoryArena").asBoolean(defaults.memoryArena()),
						options.path("concurrency").asInt(defaults.concurrency()));
			}
			catch (IllegalArgumentException ex) {
				throw new IOException(where + ".model.options: " + ex.getMessage(), ex);
			}
		}

		private static String text(JsonNode node, String field, String where) throws IOException {
			JsonNode value = node.path(field);
			if (!value.isString() || value.asString().isBlank()) {
				throw new IOException(where + ": expected a string '" + field + "'");
			}
			return value.asString();
		}

	}

}
