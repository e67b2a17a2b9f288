package dev.tango.bench.cascade;

import java.io.IOException;

import dev.tango.bench.OptionChecks;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that name a cascade: its descriptor ({@link CascadeFileOption}) and,
 * optionally, the batch size to run every tier at.
 */
public final class CascadeOptions {

	@Mixin
	CascadeFileOption file;

	@Option(names = "--batch-size",
			description = "run every tier at this batch size (default: the descriptor's, which the cascade serves with)")
	@Nullable Integer batchSize;

	/**
	 * Returns the artifact source: the default one (classpath, files, the default cache),
	 * created on first use.
	 * @return the source
	 */
	public DefaultArtifactSource source() {
		return this.file.source();
	}

	/**
	 * Reads the descriptor.
	 * @return the descriptor
	 * @throws IOException if it cannot be read
	 * @throws IllegalArgumentException if {@code --batch-size} is under 1
	 */
	public CascadeFile read() throws IOException {
		if (this.batchSize != null) {
			OptionChecks.atLeastOne("--batch-size", this.batchSize);
		}
		return this.file.read();
	}

	/**
	 * Opens the cascade's tiers with the descriptor's settings, or the batch size of
	 * {@code --batch-size}.
	 * @param file the descriptor
	 * @return the tiers, to be closed by the caller
	 * @throws IOException if a tier cannot be opened
	 */
	public LoadedCascade open(CascadeFile file) throws IOException {
		Integer size = this.batchSize;
		return file.open(source(), (tier) -> (size != null) ? tier.withBatchSize(size) : tier);
	}

	/**
	 * Returns the batch size given on the command line.
	 * @return the batch size, or {@code null}
	 */
	public @Nullable Integer batchSize() {
		return this.batchSize;
	}

}
