package dev.tango.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service jar running as a child process on a free loopback port, in its own working
 * directory (so its embedded database is fresh), ready once
 * {@code /actuator/health/readiness} answers 200. The child does not outlive the bench:
 * if the bench's JVM ends (Ctrl-C, {@code kill}) before {@link #close}, a shutdown hook
 * stops it.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final URI base;

	private final Thread stopOnExit;

	private ServiceProcess(Process process, URI base) {
		this.process = process;
		this.base = base;
		this.stopOnExit = new Thread(process::destroy, "stop " + base);
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/**
	 * Starts the service and waits until it is ready.
	 * @param jar the service jar
	 * @param workDir the working directory, created if missing; the log goes to
	 * {@code service.log} there
	 * @param arguments the service's arguments, besides the port
	 * @param timeout how long to wait for readiness
	 * @return the running service
	 * @throws IOException if it cannot start or is not ready in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static ServiceProcess start(Path jar, Path workDir, List<String> arguments, Duration timeout)
			throws IOException, InterruptedException {
		Files.createDirectories(workDir);
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-jar",
						jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("service.log").toFile())
			.start();
		ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port));
		try {
			service.awaitReady(timeout, workDir.resolve("service.log"));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			service.close();
			throw ex;
		}
		return service;
	}

	/**
	 * Returns the service's base URI.
	 * @return such as {@code http://127.0.0.1:41234}
	 */
	public URI base() {
		return this.base;
	}

	/**
	 * Returns the CPU time the service's process has used so far, all threads together.
	 * @return nanoseconds of CPU time
	 * @throws IllegalStateException if the platform does not report it
	 */
	public long cpuNanos() {
		return cpuNanos(this.process.toHandle());
	}

	/**
	 * Returns the service's process id.
	 * @return the id, as in {@code /proc/<pid>}
	 */
	public long pid() {
		return this.process.pid();
	}

	static long cpuNanos(ProcessHandle process) {
		return process.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("The platform does not report the CPU time of processes"))
			.toNanos();
	}

	private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest probe = HttpRequest.newBuilder(this.base.resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("The service exited with status " + this.process.exitValue() + "; see " + log);
			}
			try {
				if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IOException("The service was not ready within " + timeout + "; see " + log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Stops the service (gracefully, then forcibly after 30 seconds).
	 */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook is running or about to: it stops the process too
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
