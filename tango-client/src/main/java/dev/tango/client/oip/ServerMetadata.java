package dev.tango.client.oip;

import java.util.List;

/**
 * The server's metadata.
 *
 * @param name {@code tango}
 * @param version the service's version
 * @param extensions the protocol extensions it supports
 */
public record ServerMetadata(String name, String version, List<String> extensions) {

	/**
	 * Makes the extensions unmodifiable; missing ones are empty.
	 */
	public ServerMetadata {
		extensions = (extensions != null) ? List.copyOf(extensions) : List.of();
	}

}
