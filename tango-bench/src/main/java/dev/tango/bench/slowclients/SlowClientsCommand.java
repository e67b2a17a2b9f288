package dev.tango.bench.slowclients;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tango.bench.report.Markdown;
import dev.tango.web.slowclients.SlowClientLoad;
import dev.tango.web.slowclients.ValidClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slow-clients}: holds many slow connections open against a running service and
 * measures the latency of valid clients meanwhile.
 */
@Command(name = "slow-clients", mixinStandardHelpOptions = true,
		description = { "Slow-client test of a running service: opens N connections that each send a complete "
				+ "request head and then one body byte per interval, and meanwhile sends complete requests from a "
				+ "few closed-loop clients; reports their latency percentiles and errors, with and without the slow "
				+ "connections, and how long the server let slow connections live; Markdown. Exits 2 if a valid "
				+ "request failed." })
public final class SlowClientsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
			description = "the service (default ${DEFAULT-VALUE})")
	URI url;

	@Option(names = "--connections", defaultValue = "1000",
			description = "slow connections to hold open (default ${DEFAULT-VALUE})")
	int connections;

	@Option(names = "--interval", defaultValue = "2",
			description = "seconds between two body bytes of a slow connection (default ${DEFAULT-VALUE})")
	double intervalSeconds;

	@Option(names = "--slow-path", defaultValue = "/v1/classify",
			description = "the path slow clients POST to (default ${DEFAULT-VALUE})")
	String slowPath;

	@Option(names = "--slow-header",
			description = "a header of slow requests, 'Name: value'; repeatable (none by default: with "
					+ "authentication on, slow clients are then refused, as anonymous attackers are)")
	List<String> slowHeaders = List.of();

	@Option(names = "--header", description = "a header of valid requests, 'Name: value'; repeatable")
	List<String> headers = List.of();

	@Option(names = "--valid-path", defaultValue = "/v1/classify",
			description = "the path valid clients call (default ${DEFAULT-VALUE})")
	String validPath;

	@Option(names = "--valid-body", defaultValue = "{\"inputs\": [\"a wonderful film .\"]}",
			description = "the JSON body valid clients POST; empty to GET (default ${DEFAULT-VALUE})")
	String validBody;

	@Option(names = "--requests", defaultValue = "500",
			description = "valid requests to time (default ${DEFAULT-VALUE})")
	int requests;

	@Option(names = "--concurrency", defaultValue = "4",
			description = "valid clients at a time (default ${DEFAULT-VALUE})")
	int concurrency;

	@Option(names = "--timeout", defaultValue = "10",
			description = "seconds a valid request may take before it counts as an error (default ${DEFAULT-VALUE})")
	int timeoutSeconds;

	@Option(names = "--settle", defaultValue = "2",
			description = "seconds the slow connections are held before valid requests are timed "
					+ "(default ${DEFAULT-VALUE})")
	int settleSeconds;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		int affordable = SlowClientLoad.affordable(this.connections, 1);
		if (affordable < this.connections) {
			throw new IllegalStateException("The limit on open files allows only " + affordable + " of the "
					+ this.connections + " slow connections: raise it (ulimit -n) or ask for fewer");
		}
		HttpRequest valid = validRequest();
		Duration timeout = Duration.ofSeconds(this.timeoutSeconds);
		ValidClients.Result idle = ValidClients.measure(valid, Math.min(this.requests, 100), this.concurrency, timeout);
		InetSocketAddress address = new InetSocketAddress(this.url.getHost(),
				(this.url.getPort() > 0) ? this.url.getPort() : 80);
		StringBuilder head = new StringBuilder("POST " + this.slowPath + " HTTP/1.1\r\nHost: " + this.url.getHost()
				+ "\r\nContent-Type: application/json");
		this.slowHeaders.forEach((header) -> head.append("\r\n").append(header));
		Duration interval = Duration.ofMillis(Math.round(this.intervalSeconds * 1000));
		ValidClients.Result loaded;
		SlowClientLoad.Stats slow;
		long start = System.nanoTime();
		try (SlowClientLoad load = SlowClientLoad.start(address, head.toString(), this.connections, interval)) {
			Thread.sleep(Duration.ofSeconds(this.settleSeconds));
			loaded = ValidClients.measure(valid, this.requests, this.concurrency, timeout);
			slow = load.stats();
		}
		double heldSeconds = (System.nanoTime() - start) / 1e9;
		out.printf(
				"Slow clients against %s: %d connections, one body byte every %s s, held %.0f s; "
						+ "host: %d cores, load average %s%n%n",
				this.url, this.connections, this.intervalSeconds, heldSeconds,
				Runtime.getRuntime().availableProcessors(), loadAverage());
		Markdown table = new Markdown("llllll", "valid clients", "requests", "errors", "p50 ms", "p99 ms", "max ms");
		row(table, "no slow connections", idle);
		row(table, this.connections + " slow connections", loaded);
		out.print(table);
		out.printf(
				"%nSlow connections: %d still open after the valid requests, %d closed by the server before "
						+ "(lifetime %s), " + "%d could not connect%n",
				slow.open(), slow.closedByServer(), slow.lifetimes(), slow.connectFailures());
		out.flush();
		return (loaded.errors() == 0) ? 0 : 2;
	}

	private HttpRequest validRequest() {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.url.resolve(this.validPath));
		for (String header : this.headers) {
			int colon = header.indexOf(':');
			if (colon < 1) {
				throw new IllegalArgumentException("A header is 'Name: value', was '" + header + "'");
			}
			request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
		}
		if (this.validBody.isEmpty()) {
			return request.GET().build();
		}
		return request.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.validBody))
			.build();
	}

	private static void row(Markdown table, String label, ValidClients.Result result) {
		table.row(label, Integer.toString(result.latencies().count()), Long.toString(result.errors()),
				Long.toString(result.latencies().p50().toMillis()), Long.toString(result.latencies().p99().toMillis()),
				Long.toString(result.latencies().max().toMillis()));
	}

	private static String loadAverage() {
		try {
			return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
