package dev.tango.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * HAProxy in front of tango-api instances, as an operator would run it, on a free port of
 * localhost, with a configuration this class writes ({@code haproxy.cfg} in its working
 * directory, the log beside it in {@code haproxy.log}):
 * <ul>
 * <li>requests go round robin to the instances that are up; an instance is up while its
 * readiness probe answers 200 within 3 s, checked every {@value #CHECK_MILLIS} ms, down
 * after three failed checks and up again after two good ones;</li>
 * <li>a request whose attempt fails before an answer begins (connection refused or reset,
 * no or a malformed answer, no answer within the server timeout) is sent again, up to 3
 * times, each time to another instance ({@code retry-on}, {@code option redispatch 1}).
 * Classifications are idempotent, so a request in flight on an instance that dies is
 * answered by another one; request bodies are buffered for that
 * ({@code option http-buffer-request}). An answer of the instance itself, a 503 included,
 * reaches the client as it is;</li>
 * <li>its statistics are served as CSV on a port of their own ({@link #servers()}).</li>
 * </ul>
 * Closing it stops HAProxy.
 */
final class LoadBalancer implements AutoCloseable {

	/** How often HAProxy checks an instance's readiness, in milliseconds. */
	static final int CHECK_MILLIS = 250;

	private static final String BACKEND = "tango-api";

	private final Process process;

	private final Path log;

	private final int port;

	private final int statsPort;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private LoadBalancer(Process process, Path log, int port, int statsPort) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.statsPort = statsPort;
	}

	/**
	 * Finds HAProxy: the program {@code TANGO_HAPROXY} names, else {@code haproxy} on the
	 * {@code PATH} or in {@code /usr/sbin} (where Debian installs it).
	 * @return its path, or empty if it is not installed
	 */
	static Optional<Path> find() {
		String named = System.getenv("TANGO_HAPROXY");
		if (named != null && !named.isBlank()) {
			return Optional.of(Path.of(named)).filter(Files::isExecutable);
		}
		return Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "haproxy"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts HAProxy in front of instances and waits until it sees every one up.
	 * @param haproxy the program
	 * @param directory its working directory, created if needed
	 * @param servers the instances by the name HAProxy gives them
	 * @param timeout how long to wait for every instance to be up
	 * @return the running load balancer
	 * @throws IOException if it cannot be started
	 */
	static LoadBalancer start(Path haproxy, Path directory, Map<String, ServiceProcess> servers, Duration timeout)
			throws IOException {
		Files.createDirectories(directory);
		int port = ServiceProcess.freePort();
		int statsPort = ServiceProcess.freePort();
		Path config = Files.writeString(directory.resolve("haproxy.cfg"), configuration(port, statsPort, servers),
				StandardCharsets.UTF_8);
		Path log = directory.resolve("haproxy.log");
		Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		LoadBalancer balancer = new LoadBalancer(process, log, port, statsPort);
		try {
			Awaitility.await("HAProxy sees " + servers.keySet() + " up")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(CHECK_MILLIS))
				.failFast("HAProxy exited", () -> !process.isAlive())
				.ignoreExceptionsInstanceOf(UncheckedIOException.class)
				.until(() -> servers.keySet()
					.stream()
					.allMatch((name) -> "UP".equals(balancer.servers().getOrDefault(name, Map.of()).get("status"))));
		}
		catch (RuntimeException | Error ex) {
			String output = balancer.log();
			balancer.close();
			throw new AssertionError(ex.getMessage() + "\n----- " + log + " -----\n" + output, ex);
		}
		return balancer;
	}

	private static String configuration(int port, int statsPort, Map<String, ServiceProcess> servers) {
		StringBuilder backends = new StringBuilder();
		servers.forEach((name, service) -> backends.append("    server ")
			.append(name)
			.append(" 127.0.0.1:")
			.append(service.port())
			.append('\n'));
		return """
				global
				    log stdout format raw local0 info
				    maxconn 1024

				defaults
				    mode http
				    log global
				    option httplog
				    option http-buffer-request
				    timeout connect 1s
				    timeout client 30s
				    timeout server 30s
				    timeout http-request 10s
				    timeout check 3s
				    retries 3
				    option redispatch 1
				    retry-on conn-failure empty-response junk-response response-timeout

				frontend tango
				    bind 127.0.0.1:%d
				    default_backend %s

				backend %s
				    balance roundrobin
				    option httpchk
				    http-check send meth GET uri /actuator/health/readiness
				    http-check expect status 200
				    default-server check inter %dms fall 3 rise 2
				%s
				listen stats
				    bind 127.0.0.1:%d
				    no log
				    stats enable
				    stats uri /stats
				""".formatted(port, BACKEND, BACKEND, CHECK_MILLIS, backends, statsPort);
	}

	/**
	 * Resolves a path against the load balancer's base URL.
	 * @param path an absolute path, with its query if any
	 * @return the URI
	 */
	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Reads HAProxy's statistics of the instances behind it.
	 * @return by server name, its statistics by CSV column ({@code status}: {@code UP},
	 * {@code DOWN}, …; {@code hrsp_2xx}: answers 2xx; {@code wretr}: retries;
	 * {@code wredis}: redispatches to another server; {@code econ}, {@code eresp}: failed
	 * connections and answers)
	 * @throws UncheckedIOException if the statistics cannot be read
	 */
	Map<String, Map<String, String>> servers() {
		HttpResponse<String> response;
		try {
			response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		List<String> lines = response.body().lines().toList();
		if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
			throw new UncheckedIOException(new IOException("Not HAProxy's CSV statistics: " + response.body()));
		}
		String[] columns = lines.get(0).substring(2).split(",", -1);
		Map<String, Map<String, String>> servers = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] values = line.split(",", -1);
			if (values.length < 2 || !values[0].equals(BACKEND) || values[1].equals("BACKEND")) {
				continue;
			}
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < Math.min(columns.length, values.length); i++) {
				row.put(columns[i], values[i]);
			}
			servers.put(values[1], row);
		}
		return servers;
	}

	/**
	 * Reads one counter of every server.
	 * @param column the CSV column, such as {@code wretr}
	 * @return by server name, the counter (0 where HAProxy leaves it empty)
	 */
	Map<String, Long> counter(String column) {
		Map<String, Long> counters = new LinkedHashMap<>();
		servers().forEach((name, row) -> {
			String value = row.getOrDefault(column, "");
			counters.put(name, value.isEmpty() ? 0 : Long.parseLong(value));
		});
		return counters;
	}

	/**
	 * Returns everything HAProxy has logged so far: a line per request, and every change
	 * of a server's state.
	 * @return its output
	 */
	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		ServiceProcess.stop(this.process, Duration.ofSeconds(10));
	}

}
