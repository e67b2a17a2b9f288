package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.TestContextAnnotationUtils;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;

/**
 * Lexical models for tests: small heads fitted on SST-2, their registration as
 * {@code lexical-linear} model versions with the labels {@code 0} and {@code 1}, and
 * cascades of them.
 */
public final class LexicalHeads {

	/** The small heads fitted, by artifact root. */
	private static final Map<String, Path> SMALL_HEADS = new ConcurrentHashMap<>();

	private LexicalHeads() {
	}

	/**
	 * Fits a lexical head on the first 300 rows of {@link Sst2#TRAIN}, with an L2 penalty
	 * of 0.001, and writes it.
	 * @param file where to write it; its folder is created if needed, an earlier file
	 * replaced
	 * @param bucketBits the bits of the hashed features (12 is 4,096 buckets)
	 * @return the file
	 * @throws IOException if the data cannot be read or the head written
	 */
	public static Path fit(Path file, int bucketBits) throws IOException {
		Files.createDirectories(file.getParent());
		LabelledDataset train = LabelledDataset.read(Sst2.TRAIN).slice(0, 300);
		HeadFiles.write(HeadFitter.withDefaults()
			.fitLexicalHead(train, LexicalSpec.defaults().withBucketBits(bucketBits),
					FitSettings.defaults().withL2Grid(List.of(1e-3)))
			.head(), file);
		return file;
	}

	/**
	 * Returns the small head that a test class's cascades use: fitted as {@link #fit}
	 * does, with 1,024 buckets, as {@code lexical.json} under the class's
	 * {@link ArtifactRoot}, by the first test that asks in this JVM.
	 * @param test the test class, annotated with {@link ArtifactRoot}
	 * @return the file
	 * @throws UncheckedIOException if the data cannot be read or the head written
	 */
	public static Path smallHead(Class<?> test) {
		ArtifactRoot root = TestContextAnnotationUtils.findMergedAnnotation(test, ArtifactRoot.class);
		if (root == null) {
			throw new IllegalStateException(test.getName() + " has no @ArtifactRoot to keep its head in");
		}
		return SMALL_HEADS.computeIfAbsent(root.value(), (name) -> {
			try {
				return fit(ArtifactDirectories.root(name).resolve("lexical.json"), 10);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Registers a head as a new lexical model, {@code <cascade>-model}, and creates a
	 * version of a cascade per threshold, each of two tiers of that model: the first
	 * gated at the threshold (maximum probability), batches of 32.
	 * @param registry the registry
	 * @param cascade the cascade's name
	 * @param head the head file
	 * @param thresholds the first tier's threshold in each version, in the versions'
	 * order
	 * @throws IOException if the head cannot be read to digest it
	 */
	public static void twoTierVersions(ModelRegistry registry, String cascade, Path head, double... thresholds)
			throws IOException {
		ModelVersion model = register(registry, cascade + "-model", head);
		for (double threshold : thresholds) {
			registry.createCascadeVersion(new NewCascadeVersion(cascade,
					List.of(new NewTier(model.key(), Gate.maxProbability(threshold), 32, 0),
							new NewTier(model.key(), null, 32, 0)),
					"threshold " + threshold, "test"));
		}
	}

	/**
	 * Registers a new cascade of two tiers of a new lexical model straight in the
	 * registry, for tests where only its labels ({@code 0} and {@code 1}) matter: the
	 * model's head is a tokenizer file, so no job gets to load it.
	 * @param registry the registry
	 * @param prefix the start of the cascade's name, which a random UUID follows
	 * @return the cascade's name
	 */
	public static String unloadableCascade(ModelRegistry registry, String prefix) {
		return unloadableCascade(registry, prefix, List.of("0", "1"));
	}

	/**
	 * Registers a new cascade as {@link #unloadableCascade(ModelRegistry, String)} does,
	 * of a model with other labels.
	 * @param registry the registry
	 * @param prefix the start of the cascade's name, which a random UUID follows
	 * @param labels the model's labels, two at least
	 * @return the cascade's name
	 */
	public static String unloadableCascade(ModelRegistry registry, String prefix, List<String> labels) {
		String name = prefix + UUID.randomUUID();
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		ModelVersion model = registry.registerModelVersion(new NewModelVersion(name + "-model", "lexical-linear",
				Map.of(ArtifactRole.HEAD, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256())),
				Label.of(labels), 128, null, Map.of(), null, "test"));
		registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(model.key(), Gate.maxProbability(0.9), 1, 0), new NewTier(model.key(), null, 1, 0)),
				null, "test"));
		return name;
	}

	/**
	 * Registers a head as a new lexical model, {@code <cascade>-model}, and creates
	 * versions of a cascade of one tier of that model, batches of 32.
	 * @param registry the registry
	 * @param cascade the cascade's name
	 * @param head the head file
	 * @param versions how many versions
	 * @throws IOException if the head cannot be read to digest it
	 */
	public static void oneTierVersions(ModelRegistry registry, String cascade, Path head, int versions)
			throws IOException {
		ModelVersion model = register(registry, cascade + "-model", head);
		for (int i = 0; i < versions; i++) {
			registry.createCascadeVersion(new NewCascadeVersion(cascade, List.of(new NewTier(model.key(), null, 32, 0)),
					"version " + (i + 1), "test"));
		}
	}

	/**
	 * Registers a head file as a new version of a lexical model, straight in the registry
	 * (no verification), by {@code test}: labels {@code 0} and {@code 1}, texts read
	 * whole up to a million characters.
	 * @param registry the registry
	 * @param model the model's name
	 * @param head the head file, under an allowed artifact root
	 * @return the registered version
	 * @throws IOException if the head cannot be read to digest it
	 */
	public static ModelVersion register(ModelRegistry registry, String model, Path head) throws IOException {
		return registry.registerModelVersion(new NewModelVersion(model, "lexical-linear",
				Map.of(ArtifactRole.HEAD, new ArtifactRef(head.toUri().toString(), Sha256.of(head))),
				Label.of(List.of("0", "1")), 1_000_000, null, Map.of(), null, "test"));
	}

}
