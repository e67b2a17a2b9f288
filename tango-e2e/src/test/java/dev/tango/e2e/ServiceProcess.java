package dev.tango.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A packaged service run as operators run it: {@code java -jar} in a working directory of
 * its own, on a free port, its output in {@code <name>.log} there. The JVM gets a 1 GiB
 * heap, native access for ONNX Runtime and JNA and, when the test has one, the test's
 * {@code tango.cache.dir}. Closing it stops the service (SIGTERM, then SIGKILL after 30
 * s).
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private ServiceProcess(String name, Process process, Path log, int port) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts a service.
	 * @param name its name, for logs and messages
	 * @param jar the repackaged jar
	 * @param directory its working directory, created if needed
	 * @param arguments its application arguments; {@code --server.port} is added
	 * @return the running service
	 * @throws IOException if it cannot be started
	 */
	static ServiceProcess start(String name, Path jar, Path directory, List<String> arguments) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No " + jar + ": package " + name + " first");
		}
		Files.createDirectories(directory);
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED"));
		String cache = System.getProperty("tango.cache.dir");
		if (cache != null) {
			command.add("-Dtango.cache.dir=" + Path.of(cache).toAbsolutePath());
		}
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
		command.addAll(arguments);
		Path log = directory.resolve(name + ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new ServiceProcess(name, process, log, port);
	}

	/**
	 * Returns a TCP port that nothing listens on now.
	 * @return the port
	 * @throws IOException if no socket can be opened
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until the readiness probe answers 200.
	 * @param timeout how long to wait
	 * @throws AssertionError with the end of the log if the service exits or is not ready
	 * in time
	 */
	void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(uri("/actuator/health/readiness")).build();
		try {
			Awaitility.await(this.name + " ready")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(500))
				.failFast(this.name + " exited", () -> !this.process.isAlive())
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		}
		catch (RuntimeException ex) {
			throw new AssertionError(ex.getMessage() + "\n" + tail(200), ex);
		}
	}

	/**
	 * Resolves a path against the service's base URL.
	 * @param path an absolute path, with its query if any
	 * @return the URI
	 */
	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	int port() {
		return this.port;
	}

	/**
	 * Returns the operating system's id of the process.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/**
	 * Returns everything the service has written so far.
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

	/**
	 * Returns the last lines of the service's output, headed by its name.
	 * @param lines how many lines at most
	 * @return the lines
	 */
	String tail(int lines) {
		List<String> all = log().lines().toList();
		return "----- last " + Math.min(lines, all.size()) + " lines of " + this.log + " -----\n"
				+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * Kills the service at once (SIGKILL), as a crash or an out-of-memory killer would:
	 * no shutdown hook runs, open connections are reset.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop(this.process, Duration.ofSeconds(30));
	}

	/**
	 * Stops a child process: asks it to stop (SIGTERM), and kills it (SIGKILL) if it has
	 * not stopped within the grace period or the wait is interrupted.
	 * @param process the process
	 * @param grace how long it may take to stop
	 */
	static void stop(Process process, Duration grace) {
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
