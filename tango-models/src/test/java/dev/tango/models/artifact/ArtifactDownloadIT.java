package dev.tango.models.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import dev.tango.models.artifact.ArtifactException.Reason;
import dev.tango.runtime.artifact.TransferLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Downloads from a local HTTPS server with a self-signed certificate for
 * {@code artifacts.test}. Only in this test does {@code artifacts.test} resolve to the
 * loopback address, and only for that name does the address policy let loopback pass.
 */
class ArtifactDownloadIT {

	static final byte[] MODEL = "a small model, served over https\n".repeat(100).getBytes(StandardCharsets.UTF_8);

	static final String PASSWORD = "changeit";

	@TempDir
	static Path temp;

	static HttpsServer server;

	static SSLContext clientTls;

	static int port;

	static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

	Path store;

	@BeforeAll
	static void startServer() throws Exception {
		Path keyStoreFile = temp.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=artifacts.test", "-ext", "SAN=dns:artifacts.test", "-storetype", "PKCS12", "-keystore",
				keyStoreFile.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(output).isZero();
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStoreFile)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD.toCharArray());
		SSLContext serverTls = SSLContext.getInstance("TLS");
		serverTls.init(keyManagers.getKeyManagers(), null, null);

		Certificate certificate = keys.getCertificate("server");
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("server", certificate);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		clientTls = SSLContext.getInstance("TLS");
		clientTls.init(null, trustManagers.getTrustManagers(), null);

		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
		server.createContext("/", ArtifactDownloadIT::handle);
		server.start();
		port = server.getAddress().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@BeforeEach
	void newStore() throws IOException {
		this.store = Files.createTempDirectory(temp, "store");
	}

	static void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		hits.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
		switch (path) {
			case "/models/model.bin" -> send(exchange, 200, MODEL, false);
			case "/models/chunked.bin" -> send(exchange, 200, MODEL, true);
			case "/models/other.bin" -> send(exchange, 200, "other content".getBytes(StandardCharsets.UTF_8), false);
			case "/redirect/relative" -> redirect(exchange, "../models/model.bin");
			case "/redirect/private" -> redirect(exchange, "https://private.test/models/model.bin");
			case "/redirect/loopback" -> redirect(exchange, "https://127.0.0.1:" + port + "/models/model.bin");
			case "/redirect/metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
			case "/redirect/plain" -> redirect(exchange, "http://artifacts.test:" + port + "/models/model.bin");
			case "/redirect/loop" -> redirect(exchange, "/redirect/loop");
			case "/models/trickle.bin" -> trickle(exchange);
			default -> send(exchange, 404, new byte[0], false);
		}
	}

	/**
	 * Announces the model's length, then sends a byte every 50 ms, each in time for any
	 * read timeout, until the client goes away (or, at the latest, after 10 s).
	 */
	static void trickle(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(200, MODEL.length);
		try (OutputStream out = exchange.getResponseBody()) {
			for (int i = 0; i < 200; i++) {
				out.write(MODEL[i]);
				out.flush();
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			// The client stopped the download.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		send(exchange, 302, new byte[0], false);
	}

	static void send(HttpExchange exchange, int status, byte[] body, boolean chunked) throws IOException {
		exchange.sendResponseHeaders(status, chunked ? 0 : (body.length == 0 ? -1 : body.length));
		try (OutputStream out = exchange.getResponseBody()) {
			if (chunked) {
				for (int i = 0; i < body.length; i += 100) {
					out.write(body, i, Math.min(100, body.length - i));
					out.flush();
				}
			}
			else {
				out.write(body);
			}
		}
	}

	List<InetAddress> resolve(String host) throws UnknownHostException {
		this.lookups.computeIfAbsent(host, (key) -> new AtomicInteger()).incrementAndGet();
		return switch (host) {
			case "artifacts.test", "wrong-name.test" -> List.of(InetAddress.getLoopbackAddress());
			case "private.test" -> List.of(InetAddress.getByName("10.20.30.40"));
			default -> throw new UnknownHostException(host);
		};
	}

	static @Nullable Reason policy(String host, InetAddress address) {
		return (host.endsWith(".test") && !host.equals("private.test") && address.isLoopbackAddress()) ? null
				: AddressPolicy.PUBLIC_ONLY.check(host, address);
	}

	ArtifactFetcher store(SSLContext tls, DataSize maxSize) {
		return store(tls, maxSize, TransferLimits.defaults());
	}

	ArtifactFetcher store(SSLContext tls, DataSize maxSize, TransferLimits limits) {
		List<String> hosts = List.of("artifacts.test", "private.test", "wrong-name.test");
		ArtifactUriValidator validator = new ArtifactUriValidator(List.of(), hosts, this::resolve,
				ArtifactDownloadIT::policy);
		ArtifactProperties properties = new ArtifactProperties(this.store, List.of(), hosts, Duration.ofSeconds(5),
				Duration.ofSeconds(10), 3, maxSize, null, limits.deadline(), DataSize.ofBytes(limits.lowSpeedBytes()),
				limits.lowSpeedWindow());
		return new ArtifactFetcher(properties, validator, tls.getSocketFactory(), getClass().getClassLoader());
	}

	ArtifactFetcher store() {
		return store(clientTls, DataSize.ofMegabytes(1));
	}

	String url(String path) {
		return "https://artifacts.test:" + port + path;
	}

	@Test
	void aValidDownloadIsVerifiedStoredAndCached() throws Exception {
		ArtifactFetcher store = store();
		int before = hits("/models/model.bin");
		Path file = store.resolve(url("/models/model.bin"), sha256(MODEL));
		assertThat(file).hasBinaryContent(MODEL).startsWith(this.store);
		assertThat(file.getFileName()).hasToString("model.bin");
		assertThat(hits("/models/model.bin")).isEqualTo(before + 1);
		assertThat(store.resolve(url("/models/model.bin"), sha256(MODEL))).isEqualTo(file);
		assertThat(hits("/models/model.bin")).as("served from the store").isEqualTo(before + 1);
		assertThat(store(clientTls, DataSize.ofMegabytes(1)).resolve(url("/models/model.bin"), sha256(MODEL)))
			.as("another process finds the verified copy")
			.isEqualTo(file);
		assertThat(hits("/models/model.bin")).isEqualTo(before + 1);
	}

	@Test
	void aCorruptStoredCopyIsReplaced() throws IOException {
		Path file = store().resolve(url("/models/model.bin"), sha256(MODEL));
		int before = hits("/models/model.bin");
		Files.writeString(file, "tampered");
		Path again = store().resolve(url("/models/model.bin"), sha256(MODEL));
		assertThat(again).hasBinaryContent(MODEL);
		assertThat(hits("/models/model.bin")).isEqualTo(before + 1);
	}

	@Test
	void theHostIsResolvedOnceAndTheCheckedAddressIsUsed() {
		store().resolve(url("/models/chunked.bin"), sha256(MODEL));
		assertThat(this.lookups.get("artifacts.test")).hasValue(1);
	}

	@Test
	void chunkedResponsesAndRelativeRedirectsAreFollowed() {
		assertThat(store().resolve(url("/models/chunked.bin"), sha256(MODEL))).hasBinaryContent(MODEL);
		assertThat(store().resolve(url("/redirect/relative"), sha256(MODEL))).hasBinaryContent(MODEL);
	}

	@Test
	void aChecksumMismatchIsAnErrorAndNothingIsStored() {
		String registered = sha256("something else".getBytes(StandardCharsets.UTF_8));
		ArtifactFetcher store = store();
		assertRefused(() -> store.resolve(url("/models/model.bin"), registered), Reason.CHECKSUM_MISMATCH);
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(() -> store.resolve(url("/models/model.bin"), registered))
			.as("the digest of content that failed verification is never shown")
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(registered).doesNotContain(sha256(MODEL)));
		assertThat(store.cached(registered)).isEmpty();
		assertThat(store.cached(sha256(MODEL))).isEmpty();
	}

	@Test
	void redirectsAreJudgedLikeAnyOtherUri() {
		ArtifactFetcher store = store();
		assertRefused(() -> store.resolve(url("/redirect/private"), sha256(MODEL)), Reason.PRIVATE_ADDRESS);
		assertRefused(() -> store.resolve(url("/redirect/loopback"), sha256(MODEL)), Reason.LOOPBACK_ADDRESS);
		assertRefused(() -> store.resolve(url("/redirect/metadata"), sha256(MODEL)), Reason.METADATA_ADDRESS);
		assertRefused(() -> store.resolve(url("/redirect/plain"), sha256(MODEL)), Reason.INSECURE_SCHEME);
		assertRefused(() -> store.resolve(url("/redirect/loop"), sha256(MODEL)), Reason.TOO_MANY_REDIRECTS);
		assertThat(store.cached(sha256(MODEL))).isEmpty();
	}

	@Test
	void serverErrorsUntrustedCertificatesAndWrongNamesFail() throws Exception {
		assertRefused(() -> store().resolve(url("/missing"), sha256(MODEL)), Reason.DOWNLOAD_FAILED);
		SSLContext jdkDefault = SSLContext.getDefault();
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(
					() -> store(jdkDefault, DataSize.ofMegabytes(1)).resolve(url("/models/model.bin"), sha256(MODEL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DOWNLOAD_FAILED))
			.withCauseInstanceOf(SSLHandshakeException.class);
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(() -> store().resolve("https://wrong-name.test:" + port + "/models/model.bin", sha256(MODEL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DOWNLOAD_FAILED))
			.withCauseInstanceOf(SSLHandshakeException.class)
			.withMessageContaining("wrong-name.test");
	}

	@Test
	void oversizedArtifactsAreRefused() {
		assertRefused(() -> store(clientTls, DataSize.ofBytes(100)).resolve(url("/models/model.bin"), sha256(MODEL)),
				Reason.TOO_LARGE);
		assertRefused(() -> store(clientTls, DataSize.ofBytes(100)).resolve(url("/models/chunked.bin"), sha256(MODEL)),
				Reason.TOO_LARGE);
	}

	@Test
	void aTricklingServerIsCutByTheLowSpeedLimitAndTheDeadline() throws IOException {
		String uri = url("/models/trickle.bin");
		long start = System.nanoTime();
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(() -> store(clientTls, DataSize.ofMegabytes(1),
					new TransferLimits(Duration.ofMinutes(1), 1024, Duration.ofMillis(500)))
				.resolve(uri, sha256(MODEL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DOWNLOAD_FAILED))
			.withMessageContaining(uri)
			.withMessageContaining("fewer than 1024 bytes arrived within 500 ms");
		assertThatExceptionOfType(ArtifactException.class)
			.isThrownBy(() -> store(clientTls, DataSize.ofMegabytes(1),
					new TransferLimits(Duration.ofSeconds(1), 0, Duration.ofMinutes(1)))
				.resolve(uri, sha256(MODEL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DOWNLOAD_FAILED))
			.withMessageContaining(uri)
			.withMessageContaining("deadline");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("each byte came within the 10 s read timeout")
			.isLessThan(Duration.ofSeconds(8));
		try (Stream<Path> stored = Files.walk(this.store)) {
			assertThat(stored.filter(Files::isRegularFile)).as("nothing kept of either download").isEmpty();
		}
	}

	@Test
	void aServerThatNeverCompletesTheHandshakeIsCutAtTheDeadline() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				try (Socket accepted = silent.accept()) {
					// reads the client's hello, never answers
					accepted.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					// the client went away
				}
			});
			String uri = "https://artifacts.test:" + silent.getLocalPort() + "/models/model.bin";
			long start = System.nanoTime();
			assertThatExceptionOfType(ArtifactException.class)
				.isThrownBy(() -> store(clientTls, DataSize.ofMegabytes(1),
						new TransferLimits(Duration.ofSeconds(1), 0, Duration.ofMinutes(1)))
					.resolve(uri, sha256(MODEL)))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DOWNLOAD_FAILED))
				.withMessageContaining("deadline");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the 10 s read timeout")
				.isLessThan(Duration.ofSeconds(8));
		}
	}

	@Test
	void classpathArtifactsAreVerifiedToo() throws Exception {
		byte[] head;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/test-cascade/head.json")) {
			head = in.readAllBytes();
		}
		assertRefused(() -> store().resolve("classpath:fixtures/test-cascade/tokenizer.json", sha256(head)),
				Reason.CHECKSUM_MISMATCH);
		assertRefused(() -> store().resolve("classpath:fixtures/missing.bin", sha256(head)), Reason.NOT_FOUND);
		Path file = store().resolve("classpath:fixtures/test-cascade/head.json", sha256(head));
		assertThat(file).hasBinaryContent(head);
		assertThat(store().resolve("classpath:fixtures/missing.bin", sha256(head)))
			.as("content with a registered sha256 is served from the store, wherever it came from")
			.isEqualTo(file);
	}

	static int hits(String path) {
		AtomicInteger count = hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	static void assertRefused(Runnable action, Reason reason) {
		assertThatExceptionOfType(ArtifactException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.reason()).as(ex.getMessage()).isEqualTo(reason));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
