package dev.tango.runtime.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Concurrent downloads into the cache from a local HTTPS server that counts requests and
 * holds a response until the test lets it go: one download at a time per sha256, the
 * others waiting for it; different contents in parallel.
 */
class SingleDownloadIT {

	private static final byte[] MODEL = "a model served once\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

	private static final byte[] OTHER = "another model\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

	@TempDir
	static Path certificates;

	@TempDir
	Path dir;

	private static LocalHttpsServer server;

	/** Lets the held responses go. */
	private static volatile CountDownLatch release = new CountDownLatch(0);

	/** Counts down as requests for {@code /pair} arrive. */
	private static final CountDownLatch pairArrived = new CountDownLatch(2);

	private static final AtomicInteger flaky = new AtomicInteger();

	@BeforeAll
	static void startServer() throws IOException {
		server = LocalHttpsServer.start(certificates);
		server.handle("/held/", (exchange) -> {
			awaitRelease();
			LocalHttpsServer.send(exchange, 200, MODEL);
		});
		server.handle("/held-too/", (exchange) -> {
			awaitRelease();
			LocalHttpsServer.send(exchange, 200, MODEL);
		});
		server.handle("/other/", (exchange) -> LocalHttpsServer.send(exchange, 200, OTHER));
		// Fails the first time, answers afterwards.
		server.handle("/flaky/", (exchange) -> {
			awaitRelease();
			if (flaky.getAndIncrement() == 0) {
				LocalHttpsServer.send(exchange, 503, new byte[0]);
			}
			else {
				LocalHttpsServer.send(exchange, 200, MODEL);
			}
		});
		// Answers once both contents are asked for at the same time, else fails.
		server.handle("/pair/", (exchange) -> {
			pairArrived.countDown();
			boolean both = await(pairArrived);
			byte[] body = exchange.getRequestURI().getPath().endsWith("model.bin") ? MODEL : OTHER;
			LocalHttpsServer.send(exchange, both ? 200 : 504, both ? body : new byte[0]);
		});
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void releaseHeldResponses() {
		release.countDown();
	}

	@Test
	void concurrentRequestsForTheSameContentDownloadItOnce() throws Exception {
		ArtifactCache cache = new ArtifactCache(this.dir);
		release = new CountDownLatch(1);
		Started<Path> first = start(() -> cache.write("model.bin", download("/held/model.bin"), Sha256.of(MODEL)));
		awaitTrue(() -> server.requests("/held/") == 1);
		Started<Path> second = start(() -> cache.write("model.bin", download("/held/model.bin"), Sha256.of(MODEL)));
		awaitWaitingOrRequested(second, "/held/", 2);
		release.countDown();

		Path stored = first.get();
		assertThat(second.get()).isEqualTo(stored);
		assertThat(Files.readAllBytes(stored)).isEqualTo(MODEL);
		assertThat(server.requests("/held/")).isEqualTo(1);
	}

	@Test
	void aCallerAskingUnderAnotherNameWaitsThenVerifiesItsOwnSource() throws Exception {
		ArtifactCache cache = new ArtifactCache(this.dir);
		release = new CountDownLatch(1);
		Started<Path> first = start(() -> cache.write("model.bin", download("/held-too/model.bin"), Sha256.of(MODEL)));
		awaitTrue(() -> server.requests("/held-too/") == 1);
		// Another source that claims the same sha256 but serves other content.
		Started<Path> second = start(() -> cache.write("other.bin", download("/other/other.bin"), Sha256.of(MODEL)));
		awaitWaitingOrRequested(second, "/other/", 1);
		assertThat(server.requests("/other/")).isZero();
		release.countDown();

		assertThat(Files.readAllBytes(first.get())).isEqualTo(MODEL);
		assertThat(failure(second)).isInstanceOf(ChecksumMismatchException.class);
		assertThat(server.requests("/other/")).isEqualTo(1);
		assertThat(this.dir.resolve(Sha256.of(MODEL)).resolve("other.bin")).doesNotExist();
	}

	@Test
	void aWaiterDownloadsAfreshWhenTheDownloadItWaitedForFails() throws Exception {
		ArtifactCache cache = new ArtifactCache(this.dir);
		release = new CountDownLatch(1);
		Started<Path> first = start(() -> cache.write("model.bin", download("/flaky/model.bin"), Sha256.of(MODEL)));
		awaitTrue(() -> server.requests("/flaky/") == 1);
		Started<Path> second = start(() -> cache.write("model.bin", download("/flaky/model.bin"), Sha256.of(MODEL)));
		awaitWaitingOrRequested(second, "/flaky/", 2);
		release.countDown();

		assertThat(failure(first)).isInstanceOf(IOException.class).hasMessageContaining("503");
		assertThat(Files.readAllBytes(second.get())).as("the waiter's own download").isEqualTo(MODEL);
		assertThat(server.requests("/flaky/")).isEqualTo(2);
		assertThat(cache.write("model.bin", download("/flaky/model.bin"), Sha256.of(MODEL))).isEqualTo(second.get());
		assertThat(server.requests("/flaky/")).as("stored by then").isEqualTo(2);
	}

	@Test
	void differentContentsDownloadInParallel() throws Exception {
		ArtifactCache cache = new ArtifactCache(this.dir);
		Started<Path> model = start(() -> cache.write("model.bin", download("/pair/model.bin"), Sha256.of(MODEL)));
		Started<Path> other = start(() -> cache.write("other.bin", download("/pair/other.bin"), Sha256.of(OTHER)));

		assertThat(Files.readAllBytes(model.get())).isEqualTo(MODEL);
		assertThat(Files.readAllBytes(other.get())).isEqualTo(OTHER);
		assertThat(server.requests("/pair/")).isEqualTo(2);
	}

	private static ArtifactCache.ContentWriter download(String path) {
		return server.download(path, TransferLimits.defaults());
	}

	/**
	 * Waits until a caller waits for another's download (parked), or has made a request
	 * of its own (so that the test fails on the count rather than hang).
	 */
	private static void awaitWaitingOrRequested(Started<?> caller, String path, int requests) {
		awaitTrue(() -> caller.thread().getState() == Thread.State.WAITING || server.requests(path) >= requests);
	}

	private static void awaitTrue(BooleanSupplier condition) {
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
			Thread.onSpinWait();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				throw new AssertionError(ex);
			}
		}
	}

	private static void awaitRelease() {
		await(release);
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Throwable failure(Started<?> started) {
		return assertThatExceptionOfType(ExecutionException.class).isThrownBy(started::get).actual().getCause();
	}

	private static <T> Started<T> start(Callable<T> task) {
		FutureTask<T> future = new FutureTask<>(task);
		return new Started<>(Thread.ofPlatform().start(future), future);
	}

	/** A task running on a thread of its own. */
	private record Started<T>(Thread thread, FutureTask<T> future) {

		T get() throws Exception {
			return this.future.get(20, TimeUnit.SECONDS);
		}

	}

}
