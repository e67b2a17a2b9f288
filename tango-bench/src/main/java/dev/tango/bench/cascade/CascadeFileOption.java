package dev.tango.bench.cascade;

import java.io.IOException;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The option that names a cascade's descriptor, and the artifact source its tiers are
 * read from: for a command that runs the tiers at settings of its own, such as
 * {@code benchmark}; the others take {@link CascadeOptions}.
 */
public final class CascadeFileOption {

	@Option(names = "--cascade", required = true,
			description = "the cascade descriptor (tango-cascade format): a file or a classpath: URI")
	String cascade;

	private @Nullable DefaultArtifactSource source;

	/**
	 * Returns the artifact source: the default one (classpath, files, the default cache),
	 * created on first use.
	 * @return the source
	 */
	public DefaultArtifactSource source() {
		DefaultArtifactSource created = this.source;
		if (created == null) {
			created = DefaultArtifactSource.create();
			this.source = created;
		}
		return created;
	}

	/**
	 * Reads the descriptor.
	 * @return the descriptor
	 * @throws IOException if it cannot be read
	 */
	public CascadeFile read() throws IOException {
		return CascadeFile.read(this.cascade, source());
	}

}
