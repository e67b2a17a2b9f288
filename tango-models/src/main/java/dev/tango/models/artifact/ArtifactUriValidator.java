package dev.tango.models.artifact;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tango.models.artifact.ArtifactException.Reason;

/**
 * The one place where artifact URIs are judged, whatever field they arrive in: at
 * registration, at download, and for every redirect. Thread-safe.
 * <p>
 * Accepted are {@code classpath:} resources, {@code file:} URIs of regular files inside
 * the allowed roots (after symbolic links are resolved) and {@code https:} URIs of
 * allowed hosts whose every address passes the {@link AddressPolicy}. Everything else is
 * refused with an {@link ArtifactException} whose {@link ArtifactException.Reason reason}
 * says why.
 */
public final class ArtifactUriValidator {

	private static final int MAX_LENGTH = 2048;

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

	private static final Pattern HOST_NAME = Pattern
		.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern CLASSPATH_RESOURCE = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

	private final List<Path> allowedRoots;

	private final Set<String> allowedHosts;

	private final HostResolver resolver;

	private final AddressPolicy addressPolicy;

	/**
	 * Creates a validator.
	 * @param allowedRoots directories {@code file:} URIs may point into
	 * @param allowedHosts host names {@code https:} URIs may name
	 * @param resolver resolves allowed host names
	 * @param addressPolicy judges every address a host resolves to
	 */
	public ArtifactUriValidator(List<Path> allowedRoots, List<String> allowedHosts, HostResolver resolver,
			AddressPolicy addressPolicy) {
		this.allowedRoots = allowedRoots.stream().map((root) -> root.toAbsolutePath().normalize()).toList();
		Set<String> hosts = new LinkedHashSet<>();
		for (String host : allowedHosts) {
			hosts.add(HttpAuthority.canonicalHost(host));
		}
		this.allowedHosts = Set.copyOf(hosts);
		this.resolver = resolver;
		this.addressPolicy = addressPolicy;
	}

	/**
	 * Creates a validator from properties, with the system resolver and
	 * {@link AddressPolicy#PUBLIC_ONLY}.
	 * @param properties the artifact properties
	 */
	public ArtifactUriValidator(ArtifactProperties properties) {
		this(properties.allowedRoots(), properties.allowedHosts(), HostResolver.SYSTEM, AddressPolicy.PUBLIC_ONLY);
	}

	/**
	 * Judges a URI. For {@code https:} URIs this resolves the host; for {@code file:}
	 * URIs it reads the file system.
	 * @param uri the URI, as given
	 * @return where it points
	 * @throws ArtifactException if the URI is refused
	 */
	public ArtifactLocation validate(String uri) {
		if (uri.isEmpty() || uri.length() > MAX_LENGTH) {
			throw new ArtifactException(Reason.MALFORMED, uri, "empty, or longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				throw new ArtifactException(Reason.MALFORMED, uri, "spaces, control or non-ASCII characters");
			}
		}
		Matcher scheme = SCHEME.matcher(uri);
		if (!scheme.find()) {
			throw new ArtifactException(Reason.MALFORMED, uri, "no scheme");
		}
		String name = scheme.group(1).toLowerCase(Locale.ROOT);
		if (!List.of("classpath", "file", "https", "http").contains(name)) {
			throw new ArtifactException(Reason.UNKNOWN_SCHEME, uri, "scheme '" + name + "' is not accepted");
		}
		String rest = uri.substring(scheme.end());
		checkTraversal(uri, rest);
		return switch (name) {
			case "classpath" -> classpath(uri, rest);
			case "file" -> file(uri);
			default -> network(uri, name);
		};
	}

	/**
	 * Checks that a sha256 is 64 hexadecimal digits.
	 * @param uri the artifact's URI, for the message
	 * @param sha256 the checksum
	 * @return the checksum in lower case
	 * @throws ArtifactException with {@link Reason#INVALID_CHECKSUM} otherwise
	 */
	public static String checkSha256(String uri, @Nullable String sha256) {
		if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
			throw new ArtifactException(Reason.INVALID_CHECKSUM, uri, "sha256 must be 64 hexadecimal digits");
		}
		return sha256.toLowerCase(Locale.ROOT);
	}

	private static void checkTraversal(String uri, String rest) {
		String decoded = rest;
		for (int round = 0; round < 3 && decoded.indexOf('%') >= 0; round++) {
			decoded = percentDecode(uri, decoded);
		}
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (c == '\\') {
				throw new ArtifactException(Reason.TRAVERSAL, uri, "backslash");
			}
			if (c < 0x20 || c == 0x7F) {
				throw new ArtifactException(Reason.MALFORMED, uri, "encoded control characters");
			}
		}
		int end = decoded.length();
		for (char stop : new char[] { '?', '#' }) {
			int index = decoded.indexOf(stop);
			if (index >= 0) {
				end = Math.min(end, index);
			}
		}
		for (String segment : decoded.substring(0, end).split("/", -1)) {
			if (segment.equals("..") || segment.equals(".")) {
				throw new ArtifactException(Reason.TRAVERSAL, uri, "dot segment in path");
			}
		}
	}

	private static String percentDecode(String uri, String value) {
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '%') {
				result.append(c);
				continue;
			}
			if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
					|| Character.digit(value.charAt(i + 2), 16) < 0) {
				throw new ArtifactException(Reason.MALFORMED, uri, "invalid percent-encoding");
			}
			result.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
			i += 2;
		}
		return result.toString();
	}

	private static ArtifactLocation classpath(String uri, String rest) {
		String resource = rest.startsWith("/") ? rest.substring(1) : rest;
		if (!CLASSPATH_RESOURCE.matcher(resource).matches()) {
			throw new ArtifactException(Reason.MALFORMED, uri,
					"classpath resources are names of letters, digits, '.', '_', '+', '-' and '/'");
		}
		return new ArtifactLocation.Classpath(uri, resource);
	}

	private ArtifactLocation file(String uri) {
		URI parsed = parse(uri);
		if (parsed.isOpaque() || parsed.getRawPath() == null || !parsed.getRawPath().startsWith("/")) {
			throw new ArtifactException(Reason.MALFORMED, uri, "file URIs must be absolute");
		}
		String authority = parsed.getRawAuthority();
		if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
			throw new ArtifactException(Reason.MALFORMED, uri, "file URIs must not name a host");
		}
		if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
			throw new ArtifactException(Reason.MALFORMED, uri, "file URIs take no query or fragment");
		}
		Path path;
		try {
			path = Path.of(parsed.getPath()).normalize();
		}
		catch (InvalidPathException ex) {
			throw new ArtifactException(Reason.MALFORMED, uri, "not a valid path", ex);
		}
		List<Path> roots = new ArrayList<>();
		for (Path root : this.allowedRoots) {
			roots.add(root);
			try {
				roots.add(root.toRealPath());
			}
			catch (IOException ex) {
				// A root that does not exist contains nothing.
			}
		}
		if (roots.stream().noneMatch(path::startsWith)) {
			throw new ArtifactException(Reason.OUTSIDE_ALLOWED_ROOTS, uri,
					this.allowedRoots.isEmpty() ? "no file roots are allowed" : "not inside an allowed root");
		}
		Path real;
		try {
			real = path.toRealPath();
		}
		catch (IOException ex) {
			throw new ArtifactException(Reason.NOT_FOUND, uri, "no such file", ex);
		}
		boolean inside = false;
		for (Path root : this.allowedRoots) {
			try {
				inside |= real.startsWith(root.toRealPath());
			}
			catch (IOException ex) {
				// A root that does not exist contains nothing.
			}
		}
		if (!inside) {
			throw new ArtifactException(Reason.OUTSIDE_ALLOWED_ROOTS, uri,
					"leaves the allowed roots once symbolic links are resolved");
		}
		if (!Files.isRegularFile(real)) {
			throw new ArtifactException(Reason.NOT_FOUND, uri, "not a regular file");
		}
		return new ArtifactLocation.File(uri, real);
	}

	private ArtifactLocation network(String uri, String scheme) {
		URI parsed = parse(uri);
		String authority = parsed.getRawAuthority();
		if (parsed.isOpaque() || authority == null || authority.isEmpty()) {
			throw new ArtifactException(Reason.MALFORMED, uri, "no host");
		}
		if (parsed.getRawFragment() != null) {
			throw new ArtifactException(Reason.MALFORMED, uri, "fragments are not accepted");
		}
		if (authority.indexOf('@') >= 0) {
			throw new ArtifactException(Reason.MALFORMED, uri, "user information is not accepted");
		}
		HttpAuthority parsedAuthority = HttpAuthority.parse(uri, authority, scheme.equals("https") ? 443 : 80);
		String host = parsedAuthority.host();
		InetAddress literal = parsedAuthority.literal();
		if (literal != null) {
			Reason reason = this.addressPolicy.check(host, literal);
			if (reason != null) {
				throw new ArtifactException(reason, uri, "address " + literal.getHostAddress() + " is not public");
			}
			if (!parsedAuthority.canonical()) {
				throw new ArtifactException(Reason.NON_CANONICAL_HOST, uri,
						"IPv4 address in a legacy notation (" + literal.getHostAddress() + ")");
			}
		}
		if (scheme.equals("http")) {
			throw new ArtifactException(Reason.INSECURE_SCHEME, uri, "artifacts are downloaded over https only");
		}
		if (literal == null && !HOST_NAME.matcher(host).matches()) {
			throw new ArtifactException(Reason.MALFORMED, uri, "invalid host name");
		}
		if (!this.allowedHosts.contains(host)) {
			throw new ArtifactException(Reason.HOST_NOT_ALLOWED, uri, "host '" + host + "' is not allowed");
		}
		List<InetAddress> addresses = (literal != null) ? List.of(literal) : resolve(uri, host);
		return new ArtifactLocation.Https(uri, parsed, host, parsedAuthority.port(), addresses);
	}

	private List<InetAddress> resolve(String uri, String host) {
		List<InetAddress> addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new ArtifactException(Reason.UNRESOLVABLE_HOST, uri, "host '" + host + "' does not resolve", ex);
		}
		if (addresses.isEmpty()) {
			throw new ArtifactException(Reason.UNRESOLVABLE_HOST, uri, "host '" + host + "' has no address");
		}
		for (InetAddress address : addresses) {
			Reason reason = this.addressPolicy.check(host, address);
			if (reason != null) {
				throw new ArtifactException(reason, uri,
						"host '" + host + "' resolves to " + address.getHostAddress() + ", which is not public");
			}
		}
		return List.copyOf(addresses);
	}

	private static URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			throw new ArtifactException(Reason.MALFORMED, uri, "not a URI: " + ex.getReason(), ex);
		}
	}

}
