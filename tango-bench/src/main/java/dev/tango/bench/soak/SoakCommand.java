package dev.tango.bench.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.tango.bench.benchmark.Machine;
import dev.tango.bench.load.LoadDriver;
import dev.tango.bench.load.ServiceOptions;
import dev.tango.bench.load.ServiceProcess;
import dev.tango.bench.report.Markdown;
import dev.tango.bench.report.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code soak}: starts tango-api and tango-admin on one registry, measures the service's
 * capacity, then drives it at a fraction of it for a long time while swapping the active
 * cascade version every few minutes, sampling the service's live heap, resident and
 * native memory and open files (sockets, which follow the load's connections, counted
 * apart and reported only). Writes {@code soak.csv}, {@code soak.svg} and
 * {@code soak.md}; exits with 0 when every quantity stayed flat and no request failed
 * after the warm-up, 1 otherwise.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
		description = { "Soak test of the classification service: starts tango-api and tango-admin on one registry, "
				+ "measures the service's capacity with closed-loop clients, then sends single-text requests at a "
				+ "fraction of it for a long time while activating another cascade version every few minutes, and "
				+ "samples the service's live heap, resident memory, native memory and open files other than sockets "
				+ "(sockets are counted and reported, not judged). Passes (exit 0) "
				+ "when each stays within the tolerance of its baseline after the warm-up and no request fails." })
public final class SoakCommand implements Callable<Integer> {

	@Mixin
	ServiceOptions service;

	@Option(names = "--admin-jar", defaultValue = "tango-admin/target/tango-admin-0.1.0-SNAPSHOT.jar",
			description = "the admin jar, which activates the versions (default ${DEFAULT-VALUE})")
	Path adminJar;

	@Option(names = "--minutes", defaultValue = "30", description = "minutes of load (default ${DEFAULT-VALUE})")
	double minutes;

	@Option(names = "--warmup", defaultValue = "-1",
			description = "seconds of load whose samples the verdict ignores (default: a fifth of the run)")
	double warmupSeconds;

	@Option(names = "--load", defaultValue = "0.7",
			description = "the request rate, as a fraction of the measured capacity (default ${DEFAULT-VALUE})")
	double load;

	@Option(names = "--swap-every", defaultValue = "300",
			description = "seconds between version swaps (default ${DEFAULT-VALUE})")
	double swapSeconds;

	@Option(names = "--sample-every", defaultValue = "30",
			description = "seconds between samples (default ${DEFAULT-VALUE})")
	double sampleSeconds;

	@Option(names = "--tolerance", defaultValue = "5",
			description = "how far, in percent, a quantity may move from its baseline (default ${DEFAULT-VALUE})")
	double tolerance;

	@Option(names = "--capacity-clients", defaultValue = "32",
			description = "closed-loop clients that measure the capacity (default ${DEFAULT-VALUE})")
	int capacityClients;

	@Option(names = "--capacity-seconds", defaultValue = "20",
			description = "seconds the capacity is measured, after 10 s of warm-up (default ${DEFAULT-VALUE})")
	int capacitySeconds;

	@Option(names = "--cascade", defaultValue = "sst2-sentiment",
			description = "the cascade that POST /v1/classify serves and whose versions swap (default ${DEFAULT-VALUE})")
	String cascade;

	@Option(names = "--out-dir", defaultValue = "soak",
			description = "where soak.csv, soak.svg and soak.md are written (default ${DEFAULT-VALUE})")
	Path outDir;

	@Override
	public Integer call() throws Exception {
		if (this.minutes <= 0 || this.load <= 0 || this.swapSeconds <= 0 || this.sampleSeconds <= 0) {
			throw new IllegalArgumentException("The minutes, load, swap and sample intervals must be positive");
		}
		Path apiJar = this.service.apiJar();
		Path adminJar = ServiceOptions.requireJar(this.adminJar, "tango-admin");
		double warmup = (this.warmupSeconds < 0) ? this.minutes * 60 / 5 : this.warmupSeconds;
		List<String> texts = this.service.texts();
		Path root = this.service.workDir("tango-soak");
		Path apiDir = root.resolve("api");
		List<String> serviceArguments = this.service.serviceArguments();
		List<String> adminArguments = new ArrayList<>(List.of("--spring.profiles.active=demo", "--tango.registry.seed=",
				"--tango.registry.embedded-path=" + apiDir.resolve("data/tango").toAbsolutePath()));
		adminArguments.addAll(serviceArguments);
		SoakReport report;
		try (ServiceProcess api = ServiceProcess.start(apiJar, apiDir, serviceArguments, Duration.ofMinutes(15));
				ServiceProcess admin = ServiceProcess.start(adminJar, root.resolve("admin"), adminArguments,
						Duration.ofMinutes(15))) {
			double capacity = new LoadDriver(texts, Duration.ofSeconds(10), Duration.ofSeconds(this.capacitySeconds),
					Long.MAX_VALUE)
				.run(api.base(), this.capacityClients, api::cpuNanos)
				.summary()
				.perSecond();
			double rate = this.load * capacity;
			System.err.printf(Locale.ROOT, "capacity %.1f requests/s with %d clients; soaking at %.1f/s for %s min%n",
					capacity, this.capacityClients, rate, this.minutes);
			VersionSwapper swapper = new VersionSwapper(admin.base(), "admin", "tango-demo", this.cascade);
			report = soak(new ProcessProbe(api.pid(), api.base()), swapper, api, texts, rate, warmup);
		}
		Files.createDirectories(this.outDir);
		String title = String.format(Locale.ROOT, "tango-api soak: %s min at %.0f%% of capacity, swap every %s s",
				Markdown.plain(this.minutes), 100 * this.load, Markdown.plain(this.swapSeconds));
		TextFiles.write(this.outDir.resolve("soak.csv"), report.csv());
		TextFiles.write(this.outDir.resolve("soak.svg"), report.svg(title));
		String markdown = "Machine: " + Machine.describe() + "\n\n" + report.markdown();
		TextFiles.write(this.outDir.resolve("soak.md"), markdown);
		System.out.print(markdown);
		return report.passed() ? 0 : 1;
	}

	private SoakReport soak(ProcessProbe probe, VersionSwapper swapper, ServiceProcess api, List<String> texts,
			double rate, double warmup) throws Exception {
		List<Sample> samples = new ArrayList<>();
		List<Double> swaps = new ArrayList<>();
		List<Long> swapMillis = new ArrayList<>();
		long start = System.nanoTime();
		double nextSample = 0;
		double nextSwap = this.swapSeconds;
		int pendingVersion = 0;
		long pendingSince = 0;
		try (PacedLoad paced = new PacedLoad(api.base(), texts, rate, 256)) {
			while (true) {
				double seconds = (System.nanoTime() - start) / 1e9;
				if (pendingVersion != 0 && paced.servedVersion() == pendingVersion) {
					swapMillis.add((System.nanoTime() - pendingSince) / 1_000_000);
					pendingVersion = 0;
				}
				if (seconds >= nextSample) {
					Sample sample = paced.drainInto(probe.read(), seconds);
					samples.add(sample);
					System.err.printf(Locale.ROOT,
							"%6.0f s: heap %.1f MiB, resident %.1f MiB, native %.1f MiB, %d files, %d sockets; %d answered, "
									+ "%d failed, p99 %.0f ms, version %d%n",
							seconds, sample.heapBytes() / 1048576.0, sample.residentBytes() / 1048576.0,
							sample.nativeBytes() / 1048576.0, sample.openFiles(), sample.sockets(), sample.answered(),
							sample.failed(), sample.p99Millis(), sample.servedVersion());
					nextSample += this.sampleSeconds;
					if (seconds >= this.minutes * 60) {
						break;
					}
				}
				if (seconds >= nextSwap && pendingVersion == 0) {
					pendingSince = System.nanoTime();
					pendingVersion = swapper.swap();
					swaps.add(seconds);
					nextSwap += this.swapSeconds;
				}
				Thread.sleep(100);
			}
		}
		return new SoakReport(samples, warmup, swaps, swapMillis, this.tolerance);
	}

}
