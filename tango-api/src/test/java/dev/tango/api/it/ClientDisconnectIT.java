package dev.tango.api.it;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that disconnects while its request waits in a queue: the request is cancelled
 * and its inputs are dropped without running.
 */
class ClientDisconnectIT extends ServiceIT {

	@Test
	void aDisconnectedClientsQueuedInputsAreDropped() throws Exception {
		Counter cancellations = this.meters.get("tango.cancellations")
			.tag("cascade", SentimentCascadeFixture.NAME)
			.counter();
		double cancelledBefore = cancellations.count();
		// A backlog: a request of 128 long inputs keeps the tiers busy for seconds.
		String review = "the story is slow , the acting uneven , yet the final act lands with real force and "
				+ "leaves a lasting impression that few films of this kind ever manage . ";
		String backlog = inputs(Collections.nCopies(128, review.repeat(2)));
		ExecutorService clients = Executors.newSingleThreadExecutor();
		List<CompletableFuture<Response>> busy = new ArrayList<>();
		try {
			long admittedBefore = admitted();
			busy.add(CompletableFuture.supplyAsync(() -> post("/v1/classify", backlog), clients));
			await().atMost(Duration.ofSeconds(30)).until(() -> admitted() > admittedBefore);

			byte[] body = inputs(List.of("a request whose client leaves")).getBytes(StandardCharsets.UTF_8);
			long queued = admitted();
			try (Socket socket = new Socket("localhost", this.port)) {
				OutputStream out = socket.getOutputStream();
				out.write(("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				await().atMost(Duration.ofSeconds(30)).until(() -> admitted() > queued);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> cancellations.count() > cancelledBefore);
			for (CompletableFuture<Response> request : busy) {
				Response response = request.get(2, TimeUnit.MINUTES);
				assertThat(response.status()).as(response.body()).isEqualTo(200);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(cancellations.count() - cancelledBefore).isEqualTo(1);
		assertThat(this.meters.get("tango.disconnects").counter().count()).isPositive();
		assertThat(this.meters.get("tango.requests")
			.tag("cascade", SentimentCascadeFixture.NAME)
			.tag("outcome", "cancelled")
			.timer()
			.count()).isPositive();
	}

	private long admitted() {
		return admittedRequests(this.meters, SentimentCascadeFixture.NAME);
	}

}
