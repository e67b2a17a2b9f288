package dev.tango.models.artifact;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import dev.tango.models.artifact.ArtifactException.Reason;
import dev.tango.runtime.artifact.Transfer;
import dev.tango.runtime.artifact.TransferLimitException;
import dev.tango.runtime.artifact.TransferLimits;

/**
 * Fetches a document over HTTPS with HTTP/1.1 GET. It connects to the addresses the
 * validator checked (the host name is never resolved again, so DNS rebinding cannot swap
 * them), verifies the server's certificate against the host name, and follows redirects
 * itself, each target judged by the validator like any other URI. Each read is bounded by
 * the read timeout, and the download as a whole by its {@link TransferLimits}: a deadline
 * and a low-speed floor, so that a server trickling bytes cannot hold it for ever.
 */
final class HttpsDownloader {

	private static final int MAX_LINE = 8 * 1024;

	private static final int MAX_HEADER_BYTES = 64 * 1024;

	private final ArtifactUriValidator validator;

	private final SSLSocketFactory sockets;

	private final int connectTimeoutMillis;

	private final int readTimeoutMillis;

	private final int maxRedirects;

	private final long maxSize;

	private final TransferLimits limits;

	HttpsDownloader(ArtifactUriValidator validator, SSLSocketFactory sockets, Duration connectTimeout,
			Duration readTimeout, int maxRedirects, long maxSize, TransferLimits limits) {
		this.validator = validator;
		this.sockets = sockets;
		this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
		this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
		this.maxRedirects = maxRedirects;
		this.maxSize = maxSize;
		this.limits = limits;
	}

	/**
	 * Writes the document at a location to a stream.
	 * @param location a validated location
	 * @param out receives the body
	 * @throws ArtifactException if a redirect is refused, the server fails, the body is
	 * too large, or the download passes one of its limits
	 */
	void download(ArtifactLocation.Https location, OutputStream out) {
		try (Transfer transfer = this.limits.start(location.uri())) {
			download(location, out, transfer);
		}
	}

	private void download(ArtifactLocation.Https location, OutputStream out, Transfer transfer) {
		ArtifactLocation.Https current = location;
		for (int redirects = 0;; redirects++) {
			try (Exchange exchange = open(current, transfer)) {
				int status = exchange.status();
				if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
					if (redirects >= this.maxRedirects) {
						throw new ArtifactException(Reason.TOO_MANY_REDIRECTS, location.uri(),
								"more than " + this.maxRedirects + " redirects");
					}
					current = redirectTarget(current, exchange.header("location"));
					continue;
				}
				if (status != 200) {
					throw new ArtifactException(Reason.DOWNLOAD_FAILED, current.uri(), "HTTP status " + status);
				}
				exchange.copyBody(out);
				return;
			}
			catch (TransferLimitException ex) {
				throw new ArtifactException(Reason.DOWNLOAD_FAILED, current.uri(), ex.getMessage(), ex);
			}
			catch (IOException ex) {
				// a limit that passed while connecting closed the socket under the
				// handshake
				try {
					transfer.check();
				}
				catch (TransferLimitException limit) {
					limit.addSuppressed(ex);
					throw new ArtifactException(Reason.DOWNLOAD_FAILED, current.uri(), limit.getMessage(), limit);
				}
				throw new ArtifactException(Reason.DOWNLOAD_FAILED, current.uri(), ex.toString(), ex);
			}
		}
	}

	private ArtifactLocation.Https redirectTarget(ArtifactLocation.Https from, @Nullable String location) {
		if (location == null || location.isBlank()) {
			throw new ArtifactException(Reason.DOWNLOAD_FAILED, from.uri(), "redirect without a location");
		}
		String next;
		try {
			next = from.target().resolve(new URI(location.trim())).toString();
		}
		catch (Exception ex) {
			throw new ArtifactException(Reason.MALFORMED, location, "redirect to an invalid URI", ex);
		}
		ArtifactLocation target = this.validator.validate(next);
		if (!(target instanceof ArtifactLocation.Https https)) {
			throw new ArtifactException(Reason.UNKNOWN_SCHEME, next, "redirects may only lead to https URIs");
		}
		return https;
	}

	private Exchange open(ArtifactLocation.Https location, Transfer transfer) throws IOException {
		IOException failure = null;
		for (InetAddress address : location.addresses()) {
			Socket socket = new Socket();
			transfer.connecting(socket);
			try {
				socket.connect(new InetSocketAddress(address, location.port()), this.connectTimeoutMillis);
				socket.setSoTimeout(this.readTimeoutMillis);
			}
			catch (IOException ex) {
				socket.close();
				failure = ex;
				continue;
			}
			SSLSocket tls = (SSLSocket) this.sockets.createSocket(socket, location.host(), location.port(), true);
			try {
				SSLParameters parameters = tls.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				if (!isAddressLiteral(location.host())) {
					parameters.setServerNames(List.of(new SNIHostName(location.host())));
				}
				tls.setSSLParameters(parameters);
				tls.startHandshake();
				// closing the plain socket stops a TLS read that blocks past a limit
				return Exchange.send(tls, transfer.watch(tls.getInputStream(), socket), location, this.maxSize);
			}
			catch (IOException | RuntimeException ex) {
				tls.close();
				throw ex;
			}
		}
		throw (failure != null) ? failure : new IOException("no address to connect to");
	}

	private static boolean isAddressLiteral(String host) {
		return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
	}

	/** One request and its response on one connection. */
	private static final class Exchange implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final String uri;

		private final long maxSize;

		private int status;

		private final Map<String, String> headers = new HashMap<>();

		private int headerBytes;

		private Exchange(Socket socket, InputStream in, String uri, long maxSize) {
			this.socket = socket;
			this.in = new BufferedInputStream(in);
			this.uri = uri;
			this.maxSize = maxSize;
		}

		static Exchange send(Socket socket, InputStream in, ArtifactLocation.Https location, long maxSize)
				throws IOException {
			String host = (location.host().indexOf(':') >= 0) ? "[" + location.host() + "]" : location.host();
			String authority = (location.port() == 443) ? host : host + ":" + location.port();
			String request = "GET " + location.requestTarget() + " HTTP/1.1\r\nHost: " + authority
					+ "\r\nUser-Agent: Tango\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Exchange exchange = new Exchange(socket, in, location.uri(), maxSize);
			exchange.readHead();
			return exchange;
		}

		int status() {
			return this.status;
		}

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

		private void readHead() throws IOException {
			do {
				this.headers.clear();
				String statusLine = readLine();
				String[] parts = statusLine.split(" ", 3);
				if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
					throw new IOException("not an HTTP/1.x response");
				}
				this.status = Integer.parseInt(parts[1]);
				for (String line = readLine(); !line.isEmpty(); line = readLine()) {
					int colon = line.indexOf(':');
					if (colon <= 0) {
						throw new IOException("malformed header line");
					}
					String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
					String value = line.substring(colon + 1).trim();
					String previous = this.headers.put(name, value);
					if (previous != null && name.equals("content-length") && !previous.equals(value)) {
						throw new IOException("conflicting content lengths");
					}
				}
			}
			while (this.status >= 100 && this.status < 200);
		}

		void copyBody(OutputStream out) throws IOException {
			this.headerBytes = 0;
			String transferEncoding = this.headers.getOrDefault("transfer-encoding", "");
			String contentLength = this.headers.get("content-length");
			if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
				long total = 0;
				for (long size = chunkSize(); size > 0; size = chunkSize()) {
					total = copy(out, size, total, true);
					if (!readLine().isEmpty()) {
						throw new IOException("malformed chunk");
					}
				}
				while (!readLine().isEmpty()) {
					// Trailer fields are ignored.
				}
			}
			else if (contentLength != null) {
				long length;
				try {
					length = Long.parseLong(contentLength);
				}
				catch (NumberFormatException ex) {
					throw new IOException("invalid content length", ex);
				}
				if (length < 0) {
					throw new IOException("invalid content length");
				}
				checkSize(length);
				copy(out, length, 0, true);
			}
			else {
				copy(out, Long.MAX_VALUE, 0, false);
			}
		}

		private long chunkSize() throws IOException {
			this.headerBytes = 0;
			String line = readLine();
			int extension = line.indexOf(';');
			String size = ((extension >= 0) ? line.substring(0, extension) : line).trim();
			if (!size.matches("[0-9a-fA-F]{1,15}")) {
				throw new IOException("malformed chunk size");
			}
			return Long.parseLong(size, 16);
		}

		private long copy(OutputStream out, long count, long total, boolean exact) throws IOException {
			byte[] buffer = new byte[64 * 1024];
			long remaining = count;
			long copied = total;
			while (remaining > 0) {
				int read = this.in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (read < 0) {
					if (exact) {
						throw new EOFException("connection closed before the end of the body");
					}
					return copied;
				}
				copied += read;
				checkSize(copied);
				out.write(buffer, 0, read);
				remaining -= read;
			}
			return copied;
		}

		private void checkSize(long size) {
			if (size > this.maxSize) {
				throw new ArtifactException(Reason.TOO_LARGE, this.uri, "larger than " + this.maxSize + " bytes");
			}
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			while (true) {
				int b = this.in.read();
				if (b < 0) {
					throw new EOFException("connection closed in the response head");
				}
				if (++this.headerBytes > MAX_HEADER_BYTES) {
					throw new IOException("response head too large");
				}
				if (b == '\n') {
					byte[] bytes = line.toByteArray();
					int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1
							: bytes.length;
					return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
				}
				if (line.size() >= MAX_LINE) {
					throw new IOException("response line too long");
				}
				line.write(b);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
