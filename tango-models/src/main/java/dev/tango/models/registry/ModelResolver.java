package dev.tango.models.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.tango.models.artifact.ArtifactFetcher;
import dev.tango.runtime.artifact.ArtifactCache;

/**
 * Makes a registered model version ready to load into a tier: every artifact is fetched
 * into the local store and verified against its registered sha256 first. A model that
 * declares external data has each declared file fetched and verified the same way, then
 * it and its files are placed side by side in one folder of the store
 * ({@link ArtifactFetcher#folder}), so that ONNX Runtime finds each file at the relative
 * location the model names. An artifact registered without a sha256 (registration allows
 * that only where its kind says the role is an address, not content) is not fetched: it
 * is passed on as an endpoint, which its kind judged at registration
 * ({@link dev.tango.runtime.cascade.TierKind#checkAddress}) and judges again by the same
 * rule when it opens the tier. Thread-safe.
 */
public final class ModelResolver {

	private final ArtifactFetcher fetcher;

	/**
	 * Creates a resolver.
	 * @param fetcher fetches and verifies artifacts
	 */
	public ModelResolver(ArtifactFetcher fetcher) {
		this.fetcher = fetcher;
	}

	/**
	 * Keeps a file derived from resolved artifacts in the local store
	 * ({@link ArtifactFetcher#derived}).
	 * @param fileName the file's name
	 * @param sha256 the digest the content must have
	 * @param content writes the content; not called when the store holds it
	 * @return the stored file
	 * @throws IOException if the content cannot be written or has another digest
	 */
	public Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
		return this.fetcher.derived(fileName, sha256, content);
	}

	/**
	 * Resolves a model version.
	 * @param version the model version
	 * @return its verified local files (and endpoints, for a remote model)
	 * @throws dev.tango.models.artifact.ArtifactException if an artifact is refused,
	 * cannot be fetched, or does not match its sha256
	 */
	public ResolvedModel resolve(ModelVersion version) {
		Map<ArtifactRole, Path> files = new EnumMap<>(ArtifactRole.class);
		Map<ArtifactRole, URI> endpoints = new EnumMap<>(ArtifactRole.class);
		for (Map.Entry<ArtifactRole, ArtifactRef> artifact : version.artifacts().entrySet()) {
			ArtifactRef ref = artifact.getValue();
			String sha256 = ref.sha256();
			if (sha256 != null) {
				files.put(artifact.getKey(), this.fetcher.resolve(ref.uri(), sha256));
			}
			else {
				endpoints.put(artifact.getKey(), URI.create(ref.uri()));
			}
		}
		Map<String, String> externalData = new LinkedHashMap<>();
		for (ExternalDataFile file : version.externalData()) {
			this.fetcher.resolve(file.uri(), file.sha256());
			externalData.put(file.path(), file.sha256().toLowerCase(Locale.ROOT));
		}
		ArtifactRef model = version.artifacts().get(ArtifactRole.MODEL);
		if (!externalData.isEmpty() && model != null) {
			Map<String, String> listing = new LinkedHashMap<>(externalData);
			listing.put(ExternalDataFile.MODEL_FILE_NAME,
					Objects.requireNonNull(model.sha256()).toLowerCase(Locale.ROOT));
			Path folder = this.fetcher.folder(listing);
			files.put(ArtifactRole.MODEL, folder.resolve(ExternalDataFile.MODEL_FILE_NAME));
		}
		return new ResolvedModel(version, files, endpoints, externalData);
	}

}
