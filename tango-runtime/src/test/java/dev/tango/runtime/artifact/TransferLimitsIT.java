package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.runtime.artifact.TransferLimitException.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Downloads into the cache from a local HTTPS server that trickles, streams without end
 * or stalls, over a connection whose read timeout (60 s) each of them would pass: the
 * low-speed limit and the deadline stop them within about a second, name the URI, the
 * bytes received and the limit, and leave nothing in the cache.
 */
class TransferLimitsIT {

	private static final byte[] MODEL = "a model served over https\n".repeat(4000).getBytes(StandardCharsets.UTF_8);

	@TempDir
	static Path certificates;

	@TempDir
	Path dir;

	private static LocalHttpsServer server;

	@BeforeAll
	static void startServer() throws IOException {
		server = LocalHttpsServer.start(certificates);
		server.handle("/model.bin", (exchange) -> LocalHttpsServer.send(exchange, 200, MODEL));
		// One byte every 50 ms: 20 bytes a second, each well within the read timeout.
		server.handle("/trickle.bin", (exchange) -> stream(exchange, 1, 50));
		// 1,000 bytes every 20 ms, without end.
		server.handle("/endless.bin", (exchange) -> stream(exchange, 1000, 20));
		// The head, then nothing.
		server.handle("/stalled.bin", (exchange) -> stream(exchange, 0, 100));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void aDownloadWithinItsLimitsIsStoredWhole() throws IOException {
		ArtifactCache cache = new ArtifactCache(this.dir);
		try (Transfer transfer = TransferLimits.defaults().start(server.uri("/model.bin"))) {
			Path stored = cache.write("model.bin", (out) -> {
				try (var body = server.get("/model.bin", transfer)) {
					body.transferTo(out);
				}
			}, Sha256.of(MODEL));
			assertThat(Files.readAllBytes(stored)).isEqualTo(MODEL);
			assertThat(transfer.bytes()).isGreaterThan(MODEL.length);
		}
	}

	@Test
	void aTricklingServerIsStoppedByTheLowSpeedLimit() {
		TransferLimits limits = new TransferLimits(Duration.ofSeconds(30), 100, Duration.ofMillis(500));

		TransferLimitException stopped = stopped("/trickle.bin", limits, Duration.ofSeconds(10));

		assertThat(stopped.limit()).isEqualTo(Limit.LOW_SPEED);
		assertThat(stopped.getMessage()).isEqualTo("Download of " + server.uri("/trickle.bin") + " stopped after "
				+ stopped.bytesReceived() + " bytes: fewer than 100 bytes arrived within 500 ms (low-speed limit)");
	}

	@Test
	void aServerThatNeverEndsIsStoppedAtTheDeadline() {
		// no low-speed limit: a slow handshake on a loaded machine must not pass for it
		TransferLimits limits = new TransferLimits(Duration.ofSeconds(2), 0, Duration.ofMinutes(1));

		TransferLimitException stopped = stopped("/endless.bin", limits, Duration.ofSeconds(10));

		assertThat(stopped.limit()).isEqualTo(Limit.DEADLINE);
		assertThat(stopped.bytesReceived()).isPositive();
		assertThat(stopped.getMessage()).isEqualTo("Download of " + server.uri("/endless.bin") + " stopped after "
				+ stopped.bytesReceived() + " bytes: it took longer than its deadline of 2 s");
	}

	@Test
	void aReadBlockedPastTheDeadlineIsStoppedWithoutWaitingForTheReadTimeout() {
		TransferLimits limits = new TransferLimits(Duration.ofSeconds(2), 0, Duration.ofMinutes(1));

		TransferLimitException stopped = stopped("/stalled.bin", limits, Duration.ofSeconds(10));

		assertThat(stopped.limit()).isEqualTo(Limit.DEADLINE);
		assertThat(stopped.uri()).isEqualTo(server.uri("/stalled.bin"));
		// The response head arrived, then nothing.
		assertThat(stopped.bytesReceived()).isPositive();
	}

	@Test
	void aStalledServerIsStoppedByTheLowSpeedLimitWhileAReadBlocks() {
		TransferLimits limits = new TransferLimits(Duration.ofSeconds(30), 1, Duration.ofMillis(500));

		TransferLimitException stopped = stopped("/stalled.bin", limits, Duration.ofSeconds(10));

		assertThat(stopped.limit()).isEqualTo(Limit.LOW_SPEED);
	}

	@Test
	void limitsAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransferLimits(Duration.ZERO, 1, Duration.ofSeconds(1)))
			.withMessageContaining("deadline");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransferLimits(Duration.ofSeconds(1), -1, Duration.ofSeconds(1)))
			.withMessageContaining("low-speed limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransferLimits(Duration.ofSeconds(1), 1, Duration.ofSeconds(-1)))
			.withMessageContaining("low-speed window");
		assertThat(TransferLimits.defaults())
			.isEqualTo(new TransferLimits(Duration.ofHours(1), 65536, Duration.ofMinutes(1)));
	}

	/**
	 * Downloads a path into a new cache, expecting a limit to stop it in time, and checks
	 * that nothing is left in the cache.
	 */
	private TransferLimitException stopped(String path, TransferLimits limits, Duration within) {
		ArtifactCache cache = new ArtifactCache(this.dir);
		long start = System.nanoTime();
		TransferLimitException stopped = assertThatExceptionOfType(TransferLimitException.class)
			.isThrownBy(() -> cache.write("model.bin", server.download(path, limits), Sha256.of(MODEL)))
			.actual();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
		assertThat(stopped.uri()).isEqualTo(server.uri(path));
		assertThat(stopped.getMessage()).contains(server.uri(path), stopped.bytesReceived() + " bytes");
		try (var entries = Files.list(this.dir)) {
			assertThat(entries).isEmpty();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		return stopped;
	}

	/**
	 * Declares a large body, then writes {@code chunk} bytes every {@code pauseMillis}
	 * until the client goes away (at most 20 s).
	 */
	private static void stream(HttpExchange exchange, int chunk, long pauseMillis) throws IOException {
		exchange.sendResponseHeaders(200, 100_000_000);
		OutputStream out = exchange.getResponseBody();
		out.flush();
		byte[] bytes = new byte[chunk];
		Arrays.fill(bytes, (byte) 'x');
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < end) {
			out.write(bytes);
			out.flush();
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
