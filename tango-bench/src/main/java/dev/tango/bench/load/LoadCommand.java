package dev.tango.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.ReportOptions;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code load}: starts the service jar in each configuration, drives it with closed-loop
 * clients sending single-text requests, and reports throughput and latency percentiles
 * next to the offline engine's throughput on the same texts. With {@code --open-loop} it
 * measures each configuration's closed-loop capacity instead, then sends requests at
 * fixed multiples of it, and reports how overload is handled.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
		description = { "Load test of the classification service: starts the service jar as a child process in each "
				+ "configuration ((a) the bundled cascade with dynamic batching, (b) the same with every batch size 1, "
				+ "(c) its last tier alone), drives it with closed-loop clients sending single-text POST /v1/classify "
				+ "requests, and reports throughput, p50 and p99 latency, with the offline engine's throughput on the "
				+ "same texts for reference; Markdown. With --open-loop: each configuration's closed-loop capacity at "
				+ "the reference clients, then requests sent at a fixed rate, multiples of that capacity, whether or "
				+ "not earlier ones were answered; reports admitted success, admitted p50/p99, goodput against the "
				+ "capacity and refusal p99." })
public final class LoadCommand implements Callable<Integer> {

	static final String BUNDLED_FOLDER = "tango/cascades/sst2-sentiment/";

	private static final int OFFLINE_BATCH_SIZE = 32;

	@Mixin
	ServiceOptions service;

	@Option(names = "--clients", split = ",", defaultValue = "1,8,32,64",
			description = "concurrent clients (default ${DEFAULT-VALUE})")
	List<Integer> clients;

	@Option(names = "--configurations", split = ",", defaultValue = "a,b,c",
			description = "a: dynamic batching, b: batching off, c: tier 2 alone (default ${DEFAULT-VALUE})")
	List<String> configurations;

	@Option(names = "--warmup", defaultValue = "5",
			description = "seconds of warm-up per point (default ${DEFAULT-VALUE})")
	int warmupSeconds;

	@Option(names = "--duration", defaultValue = "10",
			description = "measured seconds per point (default ${DEFAULT-VALUE})")
	int durationSeconds;

	@Option(names = "--max-requests", defaultValue = "1000000",
			description = "most requests per point (default ${DEFAULT-VALUE})")
	long maxRequests;

	@Option(names = "--reference-clients", defaultValue = "32",
			description = "clients at which ratios are taken (default ${DEFAULT-VALUE})")
	int referenceClients;

	@Option(names = "--service-warmup", defaultValue = "30",
			description = "seconds each service is driven at the reference client count after it starts, before any "
					+ "point is measured, so that its code is compiled (default ${DEFAULT-VALUE})")
	int serviceWarmupSeconds;

	@Option(names = "--rounds", defaultValue = "3",
			description = "measured windows per point, the configurations taking turns in a rotating order "
					+ "(default ${DEFAULT-VALUE})")
	int rounds;

	@Option(names = "--offline", negatable = true, defaultValue = "true", fallbackValue = "true",
			description = "measure the offline reference, one pass per round at the reference clients "
					+ "(default ${DEFAULT-VALUE})")
	boolean offline;

	@Option(names = "--open-loop", split = ",",
			description = "open-loop mode: offered rates as multiples of the closed-loop capacity, such as 3 or "
					+ "1,2,3; each point is --warmup then --duration seconds, measured once per round")
	List<Double> openLoop = List.of();

	@Option(names = "--request-timeout", defaultValue = "10",
			description = "the services' request timeout in seconds, passed to them and used as the deadline of "
					+ "the open-loop targets (default ${DEFAULT-VALUE})")
	int requestTimeoutSeconds;

	@Mixin
	ReportOptions report;

	@Override
	public Integer call() throws Exception {
		if (this.warmupSeconds < 0 || this.durationSeconds <= 0 || this.rounds < 1) {
			throw new IllegalArgumentException(
					"The warm-up must be at least 0, the duration positive and the rounds at least 1");
		}
		Path jar = this.service.apiJar();
		List<ServiceConfiguration> chosen = this.configurations.stream().map(ServiceConfiguration::of).toList();
		List<String> texts = this.service.texts();
		Path root = this.service.workDir("tango-load");
		LoadDriver driver = new LoadDriver(texts, Duration.ofSeconds(this.warmupSeconds),
				Duration.ofSeconds(this.durationSeconds), this.maxRequests);
		List<LoadPoint> points = new ArrayList<>();
		OfflineReference offline = null;
		List<ServiceProcess> services = new ArrayList<>();
		try (OfflineRunner reference = (this.offline && this.openLoop.isEmpty()) ? openOffline(texts) : null) {
			for (ServiceConfiguration configuration : chosen) {
				Path dir = root.resolve(configuration.key());
				List<String> arguments = new ArrayList<>(arguments(configuration, dir));
				arguments.add("--tango.api.request-timeout=" + this.requestTimeoutSeconds + "s");
				arguments.addAll(this.service.serviceArguments());
				services.add(ServiceProcess.start(jar, dir, arguments, Duration.ofMinutes(5)));
			}
			if (this.serviceWarmupSeconds > 0) {
				LoadDriver warmup = new LoadDriver(texts, Duration.ZERO, Duration.ofSeconds(this.serviceWarmupSeconds),
						this.maxRequests);
				for (ServiceProcess service : services) {
					warmup.run(service.base(), this.referenceClients, service::cpuNanos);
				}
			}
			if (!this.openLoop.isEmpty()) {
				this.report.print(openLoop(driver, texts, chosen, services).markdown());
				return 0;
			}
			for (int n : this.clients) {
				Map<ServiceConfiguration, LoadDriver.Window> windows = new EnumMap<>(ServiceConfiguration.class);
				for (int round = 1; round <= this.rounds; round++) {
					// Each round starts with another configuration: none is always
					// measured first.
					for (int k = 0; k < chosen.size(); k++) {
						int i = (k + round - 1) % chosen.size();
						ServiceProcess service = services.get(i);
						LoadDriver.Window window = driver.run(service.base(), n, service::cpuNanos);
						LatencySummary summary = window.summary();
						System.err.printf(
								"round %d, %s, %d clients: %.1f/s, p50 %.1f ms, p99 %.1f ms, CPU %.2f ms/request, "
										+ "%d errors%n",
								round, chosen.get(i).title(), n, summary.perSecond(), summary.p50Nanos() / 1e6,
								summary.p99Nanos() / 1e6, summary.cpuNanosPerRequest() / 1e6, summary.errors());
						windows.merge(chosen.get(i), window, LoadDriver.Window::plus);
					}
					if (reference != null && n == this.referenceClients) {
						offline = reference.measure();
						System.err.printf(
								"round %d, offline: cascade %.1f/s (CPU %.2f ms/input), tier 1 %.1f/s, tier 2 %.1f/s "
										+ "(best so far)%n",
								round, offline.cascadePerSecond(), offline.cascadeCpuNanosPerInput() / 1e6,
								offline.firstPerSecond(), offline.lastPerSecond());
					}
				}
				windows
					.forEach((configuration, window) -> points.add(new LoadPoint(configuration, n, window.summary())));
			}
		}
		finally {
			services.forEach(ServiceProcess::close);
		}
		points.sort(Comparator.comparing(LoadPoint::configuration).thenComparingInt(LoadPoint::clients));
		this.report.print(new LoadReport(points, offline, this.referenceClients).markdown());
		return 0;
	}

	private OpenLoopReport openLoop(LoadDriver closed, List<String> texts, List<ServiceConfiguration> chosen,
			List<ServiceProcess> services) throws InterruptedException {
		OpenLoopDriver open = new OpenLoopDriver(texts, Duration.ofSeconds(this.warmupSeconds),
				Duration.ofSeconds(this.durationSeconds));
		List<OpenLoopReport.Point> points = new ArrayList<>();
		for (int round = 1; round <= this.rounds; round++) {
			for (int i = 0; i < chosen.size(); i++) {
				ServiceProcess service = services.get(i);
				double capacity = closed.run(service.base(), this.referenceClients, service::cpuNanos)
					.summary()
					.perSecond();
				for (double multiple : this.openLoop) {
					OpenLoopSummary s = open.run(service.base(), multiple * capacity);
					System.err.printf(
							"round %d, %s, capacity %.1f/s, offered %.1f/s: %d sent, %d refused, admitted succeeded "
									+ "%.1f%%, admitted p99 %.1f ms, goodput %.1f/s, refusal p99 %.1f ms%n",
							round, chosen.get(i).title(), capacity, s.offeredPerSecond(), s.sent(), s.refused(),
							100 * s.admittedSuccess(), s.successP99Nanos() / 1e6, s.goodputPerSecond(),
							s.refusalP99Nanos() / 1e6);
					points.add(new OpenLoopReport.Point(chosen.get(i), capacity, multiple, s));
				}
			}
		}
		return new OpenLoopReport(points, Duration.ofSeconds(this.requestTimeoutSeconds));
	}

	private static OfflineRunner openOffline(List<String> texts) throws IOException {
		DefaultArtifactSource source = DefaultArtifactSource.create();
		CascadeFile file = CascadeFile.read("classpath:" + BUNDLED_FOLDER + "cascade.json", source);
		return OfflineRunner.open(file, source, texts, OFFLINE_BATCH_SIZE);
	}

	/**
	 * Returns the service's arguments for a configuration, writing its cascade descriptor
	 * into the folder when it needs one.
	 * @param configuration the configuration
	 * @param dir the service's working folder
	 * @return the arguments
	 * @throws IOException if the descriptor cannot be written
	 */
	static List<String> arguments(ServiceConfiguration configuration, Path dir) throws IOException {
		if (configuration == ServiceConfiguration.BATCHING) {
			return List.of();
		}
		ObjectNode descriptor = descriptor(configuration);
		Path file = dir.resolve("cascade.json");
		Json.write(descriptor, file);
		return List.of("--tango.registry.seed=" + file.toAbsolutePath().toUri(),
				"--tango.api.default-cascade=" + descriptor.get("name").asString());
	}

	/**
	 * Returns the descriptor of a configuration other than the bundled cascade as it is:
	 * the bundled tiers, their heads by {@code classpath:} URI, with every batch size 1
	 * ({@link ServiceConfiguration#UNBATCHED}) or the last tier alone
	 * ({@link ServiceConfiguration#LAST_TIER}).
	 * @param configuration the configuration
	 * @return the descriptor, in the tango-cascade format
	 * @throws IOException if the bundled descriptor cannot be read
	 */
	static ObjectNode descriptor(ServiceConfiguration configuration) throws IOException {
		ObjectNode bundled;
		try (InputStream in = LoadCommand.class.getClassLoader().getResourceAsStream(BUNDLED_FOLDER + "cascade.json")) {
			if (in == null) {
				throw new IOException("No bundled cascade at classpath:" + BUNDLED_FOLDER + "cascade.json");
			}
			bundled = (ObjectNode) Json.MAPPER.readTree(in);
		}
		ObjectNode descriptor = Json.MAPPER.createObjectNode();
		descriptor.put("format", CascadeDescriptor.FORMAT);
		descriptor.put("version", CascadeDescriptor.VERSION);
		ArrayNode tiers = descriptor.putArray("tiers");
		List<ObjectNode> source = new ArrayList<>();
		bundled.get("tiers").forEach((tier) -> source.add(((ObjectNode) tier).deepCopy()));
		if (configuration == ServiceConfiguration.LAST_TIER) {
			descriptor.put("name", "sst2-sentiment-last-tier");
			ObjectNode last = source.get(source.size() - 1);
			last.remove("threshold");
			last.remove("confidence");
			source.clear();
			source.add(last);
		}
		else if (configuration == ServiceConfiguration.UNBATCHED) {
			descriptor.put("name", "sst2-sentiment-unbatched");
			source.forEach((tier) -> tier.put("batchSize", 1));
		}
		else {
			throw new IllegalArgumentException("The bundled cascade serves " + configuration + " as it is");
		}
		for (ObjectNode tier : source) {
			tier.put("head", "classpath:" + BUNDLED_FOLDER + tier.get("head").asString());
			tiers.add(tier);
		}
		return descriptor;
	}

}
