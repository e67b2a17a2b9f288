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

	/**
	 * The batch sizes tried by {@link #howItDiffers}: a hash each, well under a second.
	 */
	private static final int MAX_BATCH_SIZE_SEARCHED = 4096;

	private DescriptorVersion() {
	}

	static String of(CascadeFile file, @Nullable Integer batchSize) {
		String digest = Sha256.ofUtf8(file.json().toString() + ((batchSize != null) ? "|batchSize=" + batchSize : ""));
		return file.descriptor().name() + "@" + digest.substring(0, 12);
	}

	/**
	 * Says how a recorded version differs from a descriptor: by the batch size given on
	 * the command line, when the descriptor's JSON with another one (or none) gives that
	 * version, else by the descriptor itself.
	 * @param file the descriptor
	 * @param version the version recorded, such as a checkpoint's
	 * @return a phrase naming {@code --batch-size}, or saying the descriptor changed
	 */
	static String howItDiffers(CascadeFile file, String version) {
		if (of(file, null).equals(version)) {
			return "the run started without --batch-size";
		}
		for (int batchSize = 1; batchSize <= MAX_BATCH_SIZE_SEARCHED; batchSize++) {
			if (of(file, batchSize).equals(version)) {
				return "the run started with --batch-size " + batchSize;
			}
		}
		return "the descriptor (or the tiers' batch size) is not the one the run started with";
	}

}
