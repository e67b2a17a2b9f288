package dev.tango.bench.bulk;

import dev.tango.bench.cascade.CascadeFile;
import dev.tango.runtime.artifact.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * Names the version of a cascade read from a descriptor file, as bulk results and
 * checkpoints record it: the cascade's name, {@code @}, and the first 12 hexadecimal
 * digits of the SHA-256 of the descriptor's JSON (with the batch size given on the
 * command line, if any), so that a changed descriptor is another version.
 */
final class DescriptorVersion {

	private DescriptorVersion() {
	}

	static String of(CascadeFile file, @Nullable Integer batchSize) {
		String digest = Sha256.ofUtf8(file.json().toString() + ((batchSize != null) ? "|batchSize=" + batchSize : ""));
		return file.descriptor().name() + "@" + digest.substring(0, 12);
	}

}
