package dev.tango.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tango.bench.benchmark.ResidentMemory;

/**
 * Reads the memory and file descriptors of a running service on Linux: resident memory
 * and open descriptors from {@code /proc/<pid>} (sockets counted apart from the other
 * descriptors, by the target of each descriptor's link), the heap and the JVM's committed
 * pools from the service's Prometheus endpoint, after a full collection requested with
 * {@code jcmd <pid> GC.run} so that the heap figure is the live heap, not the garbage of
 * the moment.
 */
final class ProcessProbe {

	private static final Pattern MEMORY = Pattern.compile(
			"^jvm_memory_(used|committed)_bytes\\{[^}]*area=\"(heap|nonheap)\"[^}]*\\}\\s+(\\S+)$", Pattern.MULTILINE);

	private final long pid;

	private final URI prometheus;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Creates a probe.
	 * @param pid the service's process id
	 * @param base the service's base URI, whose {@code /actuator/prometheus} is read
	 */
	ProcessProbe(long pid, URI base) {
		this.pid = pid;
		this.prometheus = base.resolve("/actuator/prometheus");
	}

	/**
	 * Collects the service's garbage, then reads its figures.
	 * @return heap in use, resident memory, native memory, open files and sockets; the
	 * load columns are zero
	 * @throws IOException if the process or its endpoint cannot be read
	 * @throws InterruptedException if interrupted
	 */
	Sample read() throws IOException, InterruptedException {
		collectGarbage();
		String metrics = this.http
			.send(HttpRequest.newBuilder(this.prometheus).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		long heapUsed = 0;
		long committed = 0;
		Matcher matcher = MEMORY.matcher(metrics);
		while (matcher.find()) {
			long bytes = (long) Double.parseDouble(matcher.group(3));
			if (matcher.group(1).equals("used") && matcher.group(2).equals("heap")) {
				heapUsed += bytes;
			}
			else if (matcher.group(1).equals("committed")) {
				committed += bytes;
			}
		}
		Path proc = Path.of("/proc", Long.toString(this.pid));
		OptionalLong rss = ResidentMemory.parse(Files.readString(proc.resolve("status")), "VmRSS");
		if (rss.isEmpty() || committed == 0) {
			throw new IOException("No resident memory or JVM pools for process " + this.pid);
		}
		long resident = rss.getAsLong();
		int files = 0;
		int sockets = 0;
		try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
			for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
				String target;
				try {
					target = Files.readSymbolicLink(descriptor).toString();
				}
				catch (NoSuchFileException closedMeanwhile) {
					continue;
				}
				if (target.startsWith("socket:")) {
					sockets++;
				}
				else {
					files++;
				}
			}
		}
		return new Sample(0, heapUsed, resident, resident - committed, files, 0, 0, 0, 0, sockets);
	}

	private void collectGarbage() throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(this.pid), "GC.run"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("jcmd " + this.pid + " GC.run failed (it needs a JDK, not a JRE)");
		}
	}

}
