package dev.tango.admin.release;

import java.io.IOException;
import java.nio.file.Path;

import dev.tango.admin.testing.LexicalHeads;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ModelRegistry;

/**
 * Cascades for the release tests: two versions of a two-tier cascade of a small lexical
 * head ({@link LexicalHeads#smallHead}), version 1 active.
 */
final class ReleaseFixtures {

	private ReleaseFixtures() {
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
		LexicalHeads.twoTierVersions(registry, cascade, head, 0.8, 0.9);
		registry.activate(ActivationRequest.of(cascade, 1, "test", null));
	}

}
