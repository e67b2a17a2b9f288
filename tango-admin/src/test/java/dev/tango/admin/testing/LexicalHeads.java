package dev.tango.admin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;

/**
 * Lexical models for tests: small heads fitted on SST-2, and their registration as
 * {@code lexical-linear} model versions with the labels {@code 0} and {@code 1}.
 */
public final class LexicalHeads {

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
