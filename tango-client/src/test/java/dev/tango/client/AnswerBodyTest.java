package dev.tango.client;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How long an attempt may take and how much of a body the client reads, against a real
 * HTTP server on a loopback port: a body that stalls fails the attempt at its timeout
 * (cut to the retry deadline) or when the caller is interrupted, an answer longer than
 * the limit fails the call, and of an error body only the start is read. Each test is
 * bounded, so that a client that waits for ever fails it rather than hangs the build.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnswerBodyTest {

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@Test
	void failsAnAttemptWhoseBodyStallsAtItsTimeout() {
		this.server.thenStall(200, "application/json", "{\"name\": \"m\", \"rea");
		TangoClient client = client(Duration.ofMillis(500), RetryPolicy.none());
		long start = System.nanoTime();

		UncheckedIOException error = catchThrowableOfType(UncheckedIOException.class, () -> client.modelReady("m"));

		assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
				Duration.ofSeconds(15));
	}

	@Test
	void cutsAStalledAttemptAtTheRetryDeadline() {
		this.server.thenStall(200, "application/json", "{").thenStall(200, "application/json", "{");
		TangoClient client = client(Duration.ofMinutes(5), RetryPolicy.of(3, Duration.ofSeconds(1)));
		long start = System.nanoTime();

		UncheckedIOException error = catchThrowableOfType(UncheckedIOException.class, () -> client.modelReady("m"));

		assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
				Duration.ofSeconds(15));
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void returnsPromptlyWhenInterruptedWhileABodyStalls() throws InterruptedException {
		this.server.thenStall(200, "application/json", "{\"name\": \"m\", \"rea");
		TangoClient client = client(Duration.ofMinutes(5), RetryPolicy.none());
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean interruptedAfter = new AtomicBoolean();
		Thread caller = Thread.ofPlatform().start(() -> {
			try {
				client.modelReady("m");
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
				interruptedAfter.set(Thread.currentThread().isInterrupted());
			}
		});
		while (this.server.received().isEmpty()) {
			Thread.sleep(10);
		}
		Thread.sleep(200);
		long interrupted = System.nanoTime();

		caller.interrupt();
		caller.join(Duration.ofSeconds(15));

		assertThat(caller.isAlive()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(15));
		assertThat(thrown.get()).isInstanceOf(UncheckedIOException.class)
			.cause()
			.isInstanceOf(InterruptedIOException.class);
		assertThat(interruptedAfter).isTrue();
	}

	@Test
	void failsAnAnswerLongerThanTheLimitWithoutRetrying() {
		this.server.thenEndless(200, "application/json");
		TangoClient client = TangoClient.builder(this.server.uri())
			.retry(RetryPolicy.of(3, Duration.ofMinutes(5)))
			.build();

		UncheckedIOException error = catchThrowableOfType(UncheckedIOException.class, () -> client.modelMetadata("m"));

		assertThat(error.getMessage()).contains("longer than " + Transport.MAX_ANSWER_BYTES + " bytes");
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void readsOnlyTheStartOfAnErrorBody() {
		this.server.thenEndless(500, "text/plain");
		TangoClient client = client(Duration.ofMinutes(5), RetryPolicy.none());
		long start = System.nanoTime();

		TangoApiException error = catchThrowableOfType(TangoApiException.class, () -> client.modelMetadata("m"));

		assertThat(error.status()).isEqualTo(500);
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
	}

	private TangoClient client(Duration requestTimeout, RetryPolicy retry) {
		return TangoClient.builder(this.server.uri()).requestTimeout(requestTimeout).retry(retry).build();
	}

}
