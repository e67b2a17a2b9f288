package dev.tango.admin.testing;

import java.nio.file.Path;

/**
 * The SST-2 sentiment data the tests share: TSV files with a header, a {@code text} and a
 * {@code label} ({@code 0} or {@code 1}) column, in {@code data/sst2} of the folder the
 * build names in the system property {@code tango.shared.dir}.
 */
public final class Sst2 {

	/** The training split. */
	public static final Path TRAIN = folder().resolve("train.tsv");

	/** The development split. */
	public static final Path DEV = folder().resolve("dev.tsv");

	private Sst2() {
	}

	private static Path folder() {
		return Path.of(System.getProperty("tango.shared.dir"), "data", "sst2");
	}

}
