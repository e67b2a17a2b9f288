package dev.tango.models.loading;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.onnx.UnsafeModelException;

/**
 * Verifies a model version before it is registered, with the checks a serving instance
 * makes before it loads one: every artifact is fetched into the artifact store and
 * compared with its sha256, then its content is checked (no file empty; the ONNX model
 * readable, its external data exactly the declared files, each verified; the tokenizer
 * loadable), and the tier spec a serving instance would make of it is checked by its tier
 * kind: valid, described by the kind from its files as the version says (labels, token
 * limit, pooling, the sha256 of the files they name), its files agreeing with one
 * another. A refusal's detail names the files by the URIs they were registered under,
 * never by where the artifact store keeps them. Thread-safe.
 */
public final class ModelVerifier {

	/** The reason given for content that is not an ONNX model problem. */
	public static final String INVALID_CONTENT = "INVALID_CONTENT";

	private final ModelResolver resolver;

	private final TierKinds kinds;

	/**
	 * Creates a verifier.
	 * @param resolver fetches and verifies the artifacts
	 * @param kinds the tier kinds that serve models, by the names versions give
	 */
	public ModelVerifier(ModelResolver resolver, TierKinds kinds) {
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.kinds = Objects.requireNonNull(kinds, "kinds");
	}

	/**
	 * Verifies a model version to register.
	 * @param request the version
	 * @throws dev.tango.models.artifact.ArtifactException if an artifact is refused,
	 * cannot be fetched or does not match its sha256
	 * @throws InvalidModelException if the content cannot be served
	 */
	public void verify(NewModelVersion request) {
		TierKind kind;
		try {
			kind = this.kinds.get(request.kind());
			Set<String> read = new HashSet<>(kind.optionNames());
			if (kind.runsOnnxRuntime()) {
				read.addAll(EngineOptions.NAMES);
			}
			EngineOptions.checkSpelling(request.options(), read);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidModelException(INVALID_CONTENT, null, ex.getMessage(), ex);
		}
		ModelVersion candidate = new ModelVersion(0, request.model(), 0, request.kind(), request.artifacts(),
				request.labels(), request.maxInputLength(), request.pooling(), request.options(), request.description(),
				Instant.EPOCH, request.createdBy(), request.externalData());
		ResolvedModel resolved = this.resolver.resolve(candidate);
		try {
			VerifiedFiles files = new VerifiedFiles(this.resolver);
			files.add(resolved);
			ModelContents.check(resolved, kind,
					TierSpecs.of(new CascadeTier(0, candidate, null, 1, 0), resolved, kind, OrtOptions.defaults()),
					files);
		}
		catch (UnsafeModelException ex) {
			throw new InvalidModelException(ex.reason().name(), ex.tensor(),
					"model " + uri(request) + ": " + withoutLocalPaths(ex.getMessage(), resolved, request), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidModelException(INVALID_CONTENT, null,
					withoutLocalPaths(Objects.requireNonNullElse(ex.getMessage(), ex.toString()), resolved, request),
					ex);
		}
	}

	/**
	 * Returns a check's message with the local copies of the version's files, and the
	 * folders that hold them, named by the URIs they were registered under: the detail
	 * tells the administrator what they sent, not where the artifact store keeps it on
	 * the host.
	 */
	private static String withoutLocalPaths(String message, ResolvedModel resolved, NewModelVersion request) {
		String result = message;
		Map<ArtifactRole, Path> files = new TreeMap<>(resolved.files());
		for (Map.Entry<ArtifactRole, Path> file : files.entrySet()) {
			result = result.replace(file.getValue().toAbsolutePath().toString(), uri(request, file.getKey()));
		}
		for (Map.Entry<ArtifactRole, Path> file : files.entrySet()) {
			Path folder = file.getValue().toAbsolutePath().getParent();
			if (folder != null) {
				result = result.replace(folder.toString(), "the folder of " + uri(request, file.getKey()));
			}
		}
		return result;
	}

	private static String uri(NewModelVersion request) {
		return uri(request, ArtifactRole.MODEL);
	}

	private static String uri(NewModelVersion request, ArtifactRole role) {
		return Objects.requireNonNull(request.artifacts().get(role)).uri();
	}

}
