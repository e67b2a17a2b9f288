package dev.tango.bench.cascade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.io.InputFiles;
import dev.tango.runtime.json.JsonDocuments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cascade descriptor file in the runtime's {@value CascadeDescriptor#FORMAT} format
 * (read by {@link CascadeDescriptor#parse}; see the runtime's README), with every
 * relative artifact URI resolved against the descriptor's own folder. The location is a
 * file path or a {@code classpath:} URI. The file's JSON is kept, so that
 * {@link #withThresholds} changes the thresholds and nothing else.
 *
 * @param location where the descriptor was read from
 * @param descriptor the descriptor, URIs resolved
 * @param json the file's JSON
 * @param base the folder relative URIs are resolved against: a path ending in {@code /}
 * or a {@code classpath:} prefix
 */
public record CascadeFile(String location, CascadeSpec descriptor, ObjectNode json, String base) {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	/** The fields of a tier that name an artifact by URI. */
	private static final List<String> ARTIFACT_FIELDS = List.of("head", "model", "tokenizer", "config", "directory");

	public CascadeFile {
		Objects.requireNonNull(location, "location");
		Objects.requireNonNull(descriptor, "descriptor");
		json = json.deepCopy();
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
			bytes = InputFiles.readAllBytes(file);
			base = file.getParent().toString() + "/";
		}
		ObjectNode json = parseObject(bytes, location);
		String folder = base;
		CascadeSpec parsed = CascadeDescriptor.parse(new ByteArrayInputStream(bytes), location)
			.map((tier) -> tier.withArtifactUris((uri) -> resolve(uri, folder)));
		return new CascadeFile(location, parsed, json, base);
	}

	/**
	 * Opens the tiers.
	 * @param source resolves artifact URIs
	 * @param change changes each tier before it opens, such as its threads or batch size
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if an artifact is missing, differs from its sha256, or cannot
	 * be opened
	 */
	public LoadedCascade open(ArtifactSource source, UnaryOperator<TierSpec> change) throws IOException {
		return new CascadeLoader(source).open(this.descriptor.map(change));
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
	 * (which the runtime ignores), or {@code null}
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
		for (String field : ARTIFACT_FIELDS) {
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
		return DescriptorBuilder.relative(folder, Path.of(resolved));
	}

	/**
	 * Returns the local files this descriptor is read from, which a command must not
	 * write over: the descriptor itself (unless it is a {@code classpath:} resource) and
	 * {@link #artifactFiles}.
	 * @return the files, absolute
	 */
	public List<Path> files() {
		List<Path> files = new ArrayList<>();
		if (!SCHEME.matcher(this.location).find()) {
			files.add(Path.of(this.location).toAbsolutePath().normalize());
		}
		files.addAll(artifactFiles());
		return files;
	}

	/**
	 * Returns {@link #files} and the other files a command reads beside them.
	 * @param others the other files, such as the data
	 * @return all of them
	 */
	public List<Path> filesAnd(Path... others) {
		List<Path> files = files();
		files.addAll(List.of(others));
		return files;
	}

	/**
	 * Returns the local artifacts the tiers name by path or {@code file:} URI: heads,
	 * models, tokenizers and the like.
	 * @return the files, absolute
	 */
	public List<Path> artifactFiles() {
		List<Path> files = new ArrayList<>();
		JsonNode tiers = this.json.get("tiers");
		if (tiers != null) {
			for (JsonNode tier : tiers) {
				for (String field : ARTIFACT_FIELDS) {
					JsonNode value = tier.get(field);
					if (value != null && value.isString()) {
						localPath(resolve(value.asString(), this.base)).ifPresent(files::add);
					}
				}
			}
		}
		return files;
	}

	private static Optional<Path> localPath(String uri) {
		if (uri.regionMatches(true, 0, "file:", 0, 5)) {
			return Optional.of(Path.of(URI.create(uri)).toAbsolutePath().normalize());
		}
		return SCHEME.matcher(uri).find() ? Optional.empty() : Optional.of(Path.of(uri).toAbsolutePath().normalize());
	}

	/**
	 * Returns the thresholds the descriptor gives, one per tier but the last.
	 * @return the thresholds
	 */
	public List<Double> thresholds() {
		List<TierSpec> tiers = this.descriptor.tiers();
		return tiers.subList(0, tiers.size() - 1).stream().map((tier) -> tier.settings().threshold()).toList();
	}

	static ObjectNode parseObject(byte[] bytes, String location) throws IOException {
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new IOException(location + ": not valid JSON: " + JsonDocuments.describe(ex), ex);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IOException(location + ": expected a JSON object");
		}
		return object;
	}

	static String resolve(String uri, String base) {
		if (SCHEME.matcher(uri).find() || uri.startsWith("/")) {
			return uri;
		}
		if (base.regionMatches(true, 0, DefaultArtifactSource.CLASSPATH, 0, DefaultArtifactSource.CLASSPATH.length())) {
			return base + uri;
		}
		return Path.of(base).resolve(uri).normalize().toString();
	}

}
