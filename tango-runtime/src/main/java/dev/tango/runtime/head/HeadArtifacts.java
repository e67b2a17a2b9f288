package dev.tango.runtime.head;

import java.io.IOException;
import java.io.InputStream;

import dev.tango.runtime.artifact.ArtifactSource;

/**
 * Reading head files through an {@link ArtifactSource}, for the tier kinds built on a
 * linear head.
 */
public final class HeadArtifacts {

	private HeadArtifacts() {
	}

	/**
	 * Reads a head file and checks its kind.
	 * @param source resolves the URI
	 * @param uri the head file's URI
	 * @param expected the kind of head the tier needs
	 * @return the head
	 * @throws IOException if the file cannot be read, is not a head file, or is a head of
	 * another kind
	 */
	public static HeadFile read(ArtifactSource source, String uri, HeadKind expected) throws IOException {
		HeadFile head;
		try (InputStream in = source.open(uri)) {
			head = HeadFiles.read(in, uri);
		}
		if (head.kind() != expected) {
			throw new IOException("Head " + uri + " is " + head.kind().id() + ", expected " + expected.id());
		}
		return head;
	}

}
