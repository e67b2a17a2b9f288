package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.runtime.onnx.OnnxModelFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the tiers of a {@link CascadeDescriptor}, resolving every artifact URI through
 * one {@link ArtifactSource}. Checks that every tier has the same set of labels. If a
 * tier fails to open, the tiers already opened are closed.
 *
 * <p>
 * Relative plain paths in a descriptor read from a file are resolved against the
 * descriptor's directory.
 */
public final class CascadeLoader {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	private static final Logger logger = LoggerFactory.getLogger(CascadeLoader.class);

	private final ArtifactSource source;

	/**
	 * Creates a loader.
	 * @param source resolves artifact URIs
	 */
	public CascadeLoader(ArtifactSource source) {
		this.source = Objects.requireNonNull(source, "source");
	}

	/**
	 * Loads a descriptor file.
	 * @param descriptor the file
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if the descriptor is invalid or an artifact cannot be opened
	 */
	public LoadedCascade load(Path descriptor) throws IOException {
		CascadeDescriptor parsed;
		try (InputStream in = Files.newInputStream(descriptor)) {
			parsed = CascadeDescriptor.parse(in, descriptor.toString());
		}
		return open(parsed, descriptor.toAbsolutePath().getParent());
	}

	/**
	 * Loads a descriptor through the artifact source.
	 * @param uri the descriptor's URI
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if the descriptor is invalid or an artifact cannot be opened
	 */
	public LoadedCascade load(String uri) throws IOException {
		CascadeDescriptor parsed;
		try (InputStream in = this.source.open(uri)) {
			parsed = CascadeDescriptor.parse(in, uri);
		}
		return open(parsed, null);
	}

	/**
	 * Opens the tiers of a parsed descriptor.
	 * @param descriptor the descriptor
	 * @param baseDirectory the directory against which relative plain paths are resolved,
	 * or {@code null} to leave them relative to the working directory
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if an artifact cannot be opened or the tiers' labels differ
	 */
	public LoadedCascade open(CascadeDescriptor descriptor, @Nullable Path baseDirectory) throws IOException {
		List<LoadedTier> opened = new ArrayList<>();
		try {
			for (int i = 0; i < descriptor.tiers().size(); i++) {
				TierDescriptor tier = descriptor.tiers().get(i);
				Tier opening = openTier(tier, i, baseDirectory);
				int batchSize = (tier.batchSize() != null) ? tier.batchSize() : opening.preferredBatchSize();
				TierSettings settings = new TierSettings(batchSize, tier.settings().confidence(),
						tier.settings().temperature(), tier.settings().threshold());
				opened.add(new LoadedTier(opening, settings));
				if (!new HashSet<>(opening.labels()).equals(new HashSet<>(opened.get(0).tier().labels()))) {
					throw new IOException("Cascade " + descriptor.name() + ": tier " + opening.name() + " has labels "
							+ opening.labels() + ", tier " + opened.get(0).tier().name() + " has "
							+ opened.get(0).tier().labels());
				}
			}
			logger.info("Opened cascade {} with tiers {}", descriptor.name(),
					opened.stream().map((t) -> t.tier().name()).toList());
			return new LoadedCascade(descriptor.name(), opened);
		}
		catch (IOException | RuntimeException ex) {
			try {
				new LoadedCascade(descriptor.name(), opened).close();
			}
			catch (RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	private Tier openTier(TierDescriptor tier, int index, @Nullable Path base) throws IOException {
		String context = "Tier " + (index + 1) + " (" + tier.kind().id() + ")";
		try {
			return switch (tier.kind()) {
				case ENCODER_LINEAR -> {
					HeadFile head = readHead(resolve(tier.head(), base), HeadKind.ENCODER_LINEAR);
					String name = (tier.name() != null) ? tier.name()
							: head.requireEncoder().id() + "+" + baseName(tier.head());
					yield EncoderLinearTier.open(name, head, this.source, resolveOrNull(tier.model(), base),
							resolveOrNull(tier.tokenizer(), base), tier.onnxRuntime());
				}
				case LEXICAL_LINEAR -> {
					HeadFile head = readHead(resolve(tier.head(), base), HeadKind.LEXICAL_LINEAR);
					String name = (tier.name() != null) ? tier.name() : "lexical+" + baseName(tier.head());
					yield LexicalTier.of(name, head);
				}
				case ONNX_CLASSIFIER -> {
					String model = resolve(tier.model(), base);
					String name = (tier.name() != null) ? tier.name() : baseName(parentOrSelf(tier.model()));
					yield OnnxClassifierTier.open(name, OnnxModelFile.of(this.source.file(model, tier.modelSha256())),
							this.source.file(resolve(tier.tokenizer(), base), null),
							this.source.file(resolve(tier.config(), base), null), tier.maxTokens(),
							(tier.batchSize() != null) ? tier.batchSize() : OnnxClassifierTier.DEFAULT_BATCH_SIZE,
							tier.onnxRuntime());
				}
			};
		}
		catch (IOException ex) {
			throw new IOException(context + ": " + ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(context + ": " + ex.getMessage(), ex);
		}
	}

	private HeadFile readHead(String uri, HeadKind expected) throws IOException {
		HeadFile head;
		try (InputStream in = this.source.open(uri)) {
			head = HeadFiles.read(in, uri);
		}
		if (head.kind() != expected) {
			throw new IOException("Head " + uri + " is " + head.kind().id() + ", expected " + expected.id());
		}
		return head;
	}

	private static @Nullable String resolveOrNull(@Nullable String uri, @Nullable Path base) {
		return (uri != null) ? resolve(uri, base) : null;
	}

	private static String resolve(@Nullable String uri, @Nullable Path base) {
		Objects.requireNonNull(uri, "uri");
		if (base == null || SCHEME.matcher(uri).find()) {
			return uri;
		}
		Path path = Path.of(uri);
		return path.isAbsolute() ? uri : base.resolve(path).normalize().toString();
	}

	private static String parentOrSelf(@Nullable String uri) {
		String value = Objects.requireNonNull(uri, "uri");
		int slash = value.lastIndexOf('/');
		return (slash > 0) ? value.substring(0, slash) : value;
	}

	private static String baseName(@Nullable String uri) {
		String value = Objects.requireNonNull(uri, "uri");
		String name = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf(':')) + 1);
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

}
