package dev.tango.admin.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ActivationRequest;
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
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;

/**
 * Cascades for the release tests: two versions of a two-tier cascade of a small lexical
 * head fitted on SST-2, version 1 active.
 */
final class ReleaseFixtures {

	private ReleaseFixtures() {
	}

	/**
	 * Fits the head the cascades use.
	 * @param name names the directory under {@code target}
	 * @return the head's file
	 * @throws IOException if it cannot be written
	 */
	static Path fitHead(String name) throws IOException {
		Path directory = Files.createDirectories(Path.of("target", name).toAbsolutePath());
		LabelledDataset train = LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir"), "data", "sst2", "train.tsv"))
			.slice(0, 300);
		Path head = directory.resolve("head.json");
		HeadFiles.write(HeadFitter.withDefaults()
			.fitLexicalHead(train, LexicalSpec.defaults().withBucketBits(10),
					FitSettings.defaults().withL2Grid(List.of(1e-3)))
			.head(), head);
		return head;
	}

	/**
	 * Registers a cascade of two versions (thresholds 0.8 and 0.9) and activates version
	 * 1.
	 * @param registry the registry
	 * @param cascade the cascade's name
	 * @param head the head's file
	 * @throws IOException if the head cannot be read
	 */
	static void twoVersionCascade(ModelRegistry registry, String cascade, Path head) throws IOException {
		ModelVersion model = registry.registerModelVersion(new NewModelVersion(cascade + "-model", "lexical-linear",
				Map.of(ArtifactRole.HEAD, new ArtifactRef(head.toUri().toString(), Sha256.of(head))),
				Label.of(List.of("0", "1")), 1_000_000, null, Map.of(), null, "test"));
		for (double threshold : new double[] { 0.8, 0.9 }) {
			registry.createCascadeVersion(new NewCascadeVersion(cascade,
					List.of(new NewTier(model.key(), Gate.maxProbability(threshold), 32, 0),
							new NewTier(model.key(), null, 32, 0)),
					"threshold " + threshold, "test"));
		}
		registry.activate(ActivationRequest.of(cascade, 1, "test", null));
	}

}
