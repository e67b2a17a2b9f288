package dev.tango.models.artifact;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.UnicodeText;

/**
 * An artifact URI or artifact content was refused. The {@link #reason()} is stable and
 * meant for programs; the message is meant for people and never contains file contents.
 */
public class ArtifactException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String uri;

	public ArtifactException(Reason reason, String uri, String detail) {
		this(reason, uri, detail, null);
	}

	public ArtifactException(Reason reason, String uri, String detail, @Nullable Throwable cause) {
		super(reason + ": " + detail + " [" + UnicodeText.abbreviate(uri, 200) + "]", cause);
		this.reason = Objects.requireNonNull(reason);
		this.uri = uri;
	}

	/** Why the artifact was refused. */
	public Reason reason() {
		return this.reason;
	}

	/** The URI as it was given (possibly hostile: quote it, never follow it). */
	public String uri() {
		return this.uri;
	}

	/** Why an artifact URI or its content was refused. */
	public enum Reason {

		/**
		 * Not a well-formed URI, or one with parts Tango never accepts (user info,
		 * query).
		 */
		MALFORMED,

		/** A scheme other than {@code classpath:}, {@code file:} and {@code https:}. */
		UNKNOWN_SCHEME,

		/** Plain {@code http:}; artifacts travel over TLS only. */
		INSECURE_SCHEME,

		/** A {@code ..} or {@code .} segment, raw or percent-encoded, or a backslash. */
		TRAVERSAL,

		/** A file outside every allowed root once symbolic links are resolved. */
		OUTSIDE_ALLOWED_ROOTS,

		/** The resource or file does not exist or is not a regular file. */
		NOT_FOUND,

		/** A host that is not on the allow-list. */
		HOST_NOT_ALLOWED,

		/** An IPv4 address written in a legacy form (hexadecimal, octal, one number). */
		NON_CANONICAL_HOST,

		/** The host name did not resolve to any address. */
		UNRESOLVABLE_HOST,

		/** A loopback address ({@code 127.0.0.0/8}, {@code ::1}). */
		LOOPBACK_ADDRESS,

		/** A link-local address ({@code 169.254.0.0/16}, {@code fe80::/10}). */
		LINK_LOCAL_ADDRESS,

		/** A cloud instance metadata address, such as {@code 169.254.169.254}. */
		METADATA_ADDRESS,

		/**
		 * A private address ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, CGNAT).
		 */
		PRIVATE_ADDRESS,

		/** An IPv6 unique-local address ({@code fc00::/7}). */
		UNIQUE_LOCAL_ADDRESS,

		/** A multicast or broadcast address. */
		MULTICAST_ADDRESS,

		/** The unspecified address ({@code 0.0.0.0/8}, {@code ::}). */
		UNSPECIFIED_ADDRESS,

		/** A reserved or documentation range that is not routable on the internet. */
		RESERVED_ADDRESS,

		/** More redirects than allowed. */
		TOO_MANY_REDIRECTS,

		/** The server answered with an error, or the transfer failed. */
		DOWNLOAD_FAILED,

		/** The artifact is larger than the configured maximum. */
		TOO_LARGE,

		/** A registered sha256 that is not 64 hexadecimal digits. */
		INVALID_CHECKSUM,

		/** The content's sha256 differs from the registered one. */
		CHECKSUM_MISMATCH

	}

}
