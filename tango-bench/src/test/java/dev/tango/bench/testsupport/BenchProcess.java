package dev.tango.bench.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.tango.bench.TangoBench;

/**
 * A {@code tango bench} command in a Java process of its own, on the test's class path,
 * for tests that signal or kill it: its standard output and error are collected together
 * as they come. The process gets the system properties of the test's JVM that choose the
 * model cache and the PyTorch threads, where they are set. Not thread-safe, but for
 * {@link #text()}.
 */
public final class BenchProcess {

	private static final List<String> FORWARDED = List.of("tango.cache.dir", "ai.djl.pytorch.num_threads",
			"ai.djl.pytorch.num_interop_threads");

	private static final Duration PATIENCE = Duration.ofMinutes(5);

	private final Process process;

	private final StringBuffer text = new StringBuffer();

	private final Thread reader;

	private BenchProcess(Process process) {
		this.process = process;
		this.reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), this.text));
	}

	/**
	 * Starts a command.
	 * @param args the command line after {@code tango bench}
	 * @return the running command
	 * @throws IOException if the process cannot be started
	 */
	public static BenchProcess start(String... args) throws IOException {
		List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
		for (String property : FORWARDED) {
			if (System.getProperty(property) != null) {
				java.add("-D" + property + "=" + System.getProperty(property));
			}
		}
		java.add(TangoBench.class.getName());
		java.addAll(List.of(args));
		return new BenchProcess(new ProcessBuilder(java).redirectErrorStream(true).start());
	}

	/**
	 * Returns the process, to wait for, kill or ask its exit status.
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * Waits until a condition holds, checking it every 20 ms while the process is alive,
	 * for 5 minutes at the most.
	 * @param condition the condition, checked on this thread
	 * @return whether it held when last checked: {@code false} if the process ended or
	 * the time ran out first
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public boolean await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (!this.process.isAlive() || System.nanoTime() >= deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	/**
	 * Sends the process a signal with {@code kill}, as Ctrl-C ({@code INT}) or a service
	 * manager ({@code TERM}) would; it does not wait for the process to end.
	 * @param name the signal's name without {@code SIG}, such as {@code INT}
	 * @throws IOException if {@code kill} cannot be run
	 * @throws InterruptedException if the thread is interrupted while {@code kill} runs
	 */
	public void signal(String name) throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())).start().waitFor();
	}

	/**
	 * Returns what the command has written so far.
	 * @return its output and error, interleaved as written
	 */
	public String text() {
		return this.text.toString();
	}

	/**
	 * Waits until the command's output ends (it has ended or closed it) and returns all
	 * of it.
	 * @return its output and error, interleaved as written
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public String output() throws InterruptedException {
		this.reader.join();
		return this.text.toString();
	}

	private static void copy(InputStream in, StringBuffer into) {
		char[] buffer = new char[4096];
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				into.append(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			into.append(ex);
		}
	}

}
