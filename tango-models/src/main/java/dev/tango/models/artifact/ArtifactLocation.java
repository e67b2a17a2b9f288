package dev.tango.models.artifact;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an artifact URI points, once {@link ArtifactUriValidator} accepted it.
 */
public sealed interface ArtifactLocation {

	/** The URI as given. */
	String uri();

	/**
	 * A resource on the application's class path.
	 *
	 * @param uri the URI as given
	 * @param resource the resource name, without a leading slash
	 */
	record Classpath(String uri, String resource) implements ArtifactLocation {
	}

	/**
	 * A regular file inside an allowed root.
	 *
	 * @param uri the URI as given
	 * @param path the file's real path (symbolic links resolved) at validation time
	 */
	record File(String uri, Path path) implements ArtifactLocation {
	}

	/**
	 * A document on an allowed HTTPS host.
	 *
	 * @param uri the URI as given
	 * @param target the parsed URI
	 * @param host the host name, lower case, without a trailing dot
	 * @param port the TCP port
	 * @param addresses the checked addresses the host resolved to; connections go to
	 * these and the name is never resolved again
	 */
	record Https(String uri, URI target, String host, int port,
			List<InetAddress> addresses) implements ArtifactLocation {

		public Https {
			addresses = List.copyOf(addresses);
		}

		/** The path and query to request, never empty. */
		public String requestTarget() {
			String path = this.target.getRawPath();
			String query = this.target.getRawQuery();
			String result = (path == null || path.isEmpty()) ? "/" : path;
			return (query != null) ? result + "?" + query : result;
		}

	}

}
