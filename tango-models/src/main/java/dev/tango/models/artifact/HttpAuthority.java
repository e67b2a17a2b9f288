package dev.tango.models.artifact;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tango.models.artifact.ArtifactException.Reason;

/**
 * The authority of an {@code http:} or {@code https:} URI, parsed the way HTTP clients
 * read it, so that {@link ArtifactUriValidator} judges the host a download would reach: a
 * host name in canonical form (lower case, no trailing dot), an IPv6 literal, or an IPv4
 * address in any notation C's {@code inet_aton} accepts (one to four parts, each decimal,
 * octal or hexadecimal), and the port.
 *
 * @param host the host: a canonical host name, an IPv6 literal without brackets, or an
 * IPv4 address as written
 * @param port the port, the scheme's default if none is written
 * @param literal the address a literal host denotes, or {@code null} for a host name
 * @param canonical whether an IPv4 literal is written in the usual dotted-quad notation
 * (always {@code true} for other hosts)
 */
record HttpAuthority(String host, int port, @Nullable InetAddress literal, boolean canonical) {

	private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	/**
	 * Parses an authority.
	 * @param uri the URI, for messages
	 * @param authority the raw authority, without user information
	 * @param defaultPort the scheme's port
	 * @return the authority
	 * @throws ArtifactException ({@link Reason#MALFORMED}) if it cannot be read
	 */
	static HttpAuthority parse(String uri, String authority, int defaultPort) {
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				throw new ArtifactException(Reason.MALFORMED, uri, "unclosed IPv6 literal");
			}
			String host = authority.substring(1, close).toLowerCase(Locale.ROOT);
			if (!IPV6_LITERAL.matcher(host).matches()) {
				throw new ArtifactException(Reason.MALFORMED, uri, "invalid IPv6 literal");
			}
			InetAddress literal;
			try {
				literal = InetAddress.getByName("[" + host + "]");
			}
			catch (UnknownHostException ex) {
				throw new ArtifactException(Reason.MALFORMED, uri, "invalid IPv6 literal", ex);
			}
			return new HttpAuthority(host, parsePort(uri, authority.substring(close + 1), defaultPort), literal, true);
		}
		int colon = authority.lastIndexOf(':');
		String host = canonicalHost((colon >= 0) ? authority.substring(0, colon) : authority);
		int port = parsePort(uri, (colon >= 0) ? authority.substring(colon) : "", defaultPort);
		Ipv4 ipv4 = parseIpv4(uri, host);
		return (ipv4 != null) ? new HttpAuthority(host, port, ipv4.address(), ipv4.canonical())
				: new HttpAuthority(host, port, null, true);
	}

	/**
	 * Returns a host name in canonical form: lower case, without a trailing dot.
	 * @param host the host name
	 * @return the canonical form
	 */
	static String canonicalHost(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
	}

	private static int parsePort(String uri, String portText, int defaultPort) {
		if (portText.isEmpty()) {
			return defaultPort;
		}
		String digits = portText.substring(1);
		if (!portText.startsWith(":") || !digits.matches("[0-9]{1,5}")) {
			throw new ArtifactException(Reason.MALFORMED, uri, "invalid port");
		}
		int port = Integer.parseInt(digits);
		if (port < 1 || port > 65535) {
			throw new ArtifactException(Reason.MALFORMED, uri, "invalid port");
		}
		return port;
	}

	/**
	 * Parses a host as an IPv4 address the way C's {@code inet_aton} (and so many HTTP
	 * clients) would: one to four parts, each decimal, octal (leading 0) or hexadecimal
	 * (leading 0x), the last filling the remaining bytes.
	 */
	private static @Nullable Ipv4 parseIpv4(String uri, String host) {
		String[] parts = host.split("\\.", -1);
		if (parts.length > 4) {
			return null;
		}
		for (String part : parts) {
			if (!NUMERIC_PART.matcher(part).matches()) {
				return null;
			}
		}
		long[] values = new long[parts.length];
		boolean canonical = parts.length == 4;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			try {
				if (part.startsWith("0x") || part.startsWith("0X")) {
					values[i] = (part.length() == 2) ? 0 : Long.parseLong(part.substring(2), 16);
					canonical = false;
				}
				else if (part.length() > 1 && part.startsWith("0")) {
					values[i] = Long.parseLong(part, 8);
					canonical = false;
				}
				else {
					values[i] = Long.parseLong(part);
				}
			}
			catch (NumberFormatException ex) {
				throw new ArtifactException(Reason.MALFORMED, uri, "invalid numeric host", ex);
			}
		}
		long value = 0;
		for (int i = 0; i < parts.length - 1; i++) {
			if (values[i] > 0xFF) {
				throw new ArtifactException(Reason.MALFORMED, uri, "invalid numeric host");
			}
			value |= values[i] << (8 * (3 - i));
		}
		long last = values[parts.length - 1];
		if (last > (0xFFFFFFFFL >>> (8 * (parts.length - 1)))) {
			throw new ArtifactException(Reason.MALFORMED, uri, "invalid numeric host");
		}
		value |= last;
		byte[] bytes = { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
		try {
			return new Ipv4((Inet4Address) InetAddress.getByAddress(bytes), canonical);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Ipv4(Inet4Address address, boolean canonical) {
	}

}
