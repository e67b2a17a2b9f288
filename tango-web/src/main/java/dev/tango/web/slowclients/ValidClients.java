package dev.tango.web.slowclients;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop clients that send complete requests and time their answers: the clients
 * that slow ones must not starve.
 */
public final class ValidClients {

	private ValidClients() {
	}

	/**
	 * Sends requests, a number of them at a time, and times them from sending to the end
	 * of the answer. A request that fails, times out or is not answered 2xx counts as an
	 * error, with its time counted as well.
	 * @param request the request to send
	 * @param requests how many to send in all
	 * @param concurrency how many at a time
	 * @param timeout how long one request may take
	 * @return the latencies and the errors
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static Result measure(HttpRequest request, int requests, int concurrency, Duration timeout)
			throws InterruptedException {
		HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
		AtomicLong next = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<Long> latencies = new ArrayList<>();
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.build(); ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < concurrency; c++) {
				running.add(clients.submit(() -> {
					while (next.getAndIncrement() < requests) {
						long start = System.nanoTime();
						boolean ok;
						try {
							HttpResponse<String> response = http.send(timed, HttpResponse.BodyHandlers.ofString());
							ok = response.statusCode() / 100 == 2;
						}
						catch (Exception ex) {
							ok = false;
						}
						long latency = System.nanoTime() - start;
						synchronized (latencies) {
							latencies.add(latency);
						}
						if (!ok) {
							errors.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> client : running) {
				try {
					client.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		return new Result(Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray()), errors.get());
	}

	/**
	 * What the clients saw.
	 *
	 * @param latencies the time of every request, errors included
	 * @param errors the requests that failed, timed out or were not answered 2xx
	 */
	public record Result(Percentiles latencies, long errors) {

	}

}
