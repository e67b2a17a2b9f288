package dev.tango.admin.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.tango.admin.testing.LexicalHeads;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;

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
		return LexicalHeads.fit(Path.of("target", name, "head.json").toAbsolutePath(), 10);
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
		ModelVersion model = LexicalHeads.register(registry, cascade + "-model", head);
		for (double threshold : new double[] { 0.8, 0.9 }) {
			registry.createCascadeVersion(new NewCascadeVersion(cascade,
					List.of(new NewTier(model.key(), Gate.maxProbability(threshold), 32, 0),
							new NewTier(model.key(), null, 32, 0)),
					"threshold " + threshold, "test"));
		}
		registry.activate(ActivationRequest.of(cascade, 1, "test", null));
	}

}
