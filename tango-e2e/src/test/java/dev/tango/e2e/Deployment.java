package dev.tango.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.tango.admin.testing.AdminHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tango as operators deploy it: tango-api instances and one tango-admin, the packaged
 * jars in processes of their own ({@link ServiceProcess}), on one PostgreSQL registry
 * ({@link SharedRegistry}). The first instance migrates the registry and seeds the
 * bundled cascade before the others start. The admin has one user in role ADMIN,
 * {@value #USER}, and runs no jobs. Closing it stops everything.
 */
final class Deployment implements AutoCloseable {

	/** The bundled cascade. */
	static final String CASCADE = "sst2-sentiment";

	/** How long a service may take to start and, for tango-api, to load and warm up. */
	static final Duration STARTUP = Duration.ofMinutes(6);

	static final String USER = "operator";

	static final String PASSWORD = "operator-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SharedRegistry registry;

	private final List<ServiceProcess> apis = new ArrayList<>();

	private ServiceProcess admin;

	private Deployment(SharedRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Starts a registry, the instances and the admin, and waits until all are ready.
	 * @param name names the run's directory under {@code target}
	 * @param instances how many tango-api instances
	 * @param apiArguments more arguments for every tango-api instance
	 * @return the deployment
	 * @throws IOException if a process cannot be started
	 */
	static Deployment start(String name, int instances, List<String> apiArguments) throws IOException {
		Path run = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-").toAbsolutePath();
		Deployment deployment = new Deployment(SharedRegistry.start());
		try {
			List<String> shared = deployment.registry.arguments();
			List<String> api = new ArrayList<>(shared);
			api.addAll(apiArguments);
			for (int i = 1; i <= instances; i++) {
				deployment.apis
					.add(ServiceProcess.start("tango-api-" + i, jar("tango.api.jar"), run.resolve("api-" + i), api));
				if (i == 1) {
					deployment.apis.get(0).awaitReady(STARTUP);
				}
			}
			List<String> adminArguments = new ArrayList<>(shared);
			adminArguments.addAll(List.of("--tango.admin.jobs.enabled=false", "--tango.admin.users[0].name=" + USER,
					"--tango.admin.users[0].password={noop}" + PASSWORD, "--tango.admin.users[0].roles=ADMIN"));
			deployment.admin = ServiceProcess.start("tango-admin", jar("tango.admin.jar"), run.resolve("admin"),
					adminArguments);
			for (ServiceProcess service : deployment.apis) {
				service.awaitReady(STARTUP);
			}
			deployment.admin.awaitReady(STARTUP);
			return deployment;
		}
		catch (IOException | RuntimeException | Error ex) {
			deployment.close();
			throw ex;
		}
	}

	/**
	 * Returns a tango-api instance.
	 * @param index from 1
	 * @return the instance
	 */
	ServiceProcess api(int index) {
		return this.apis.get(index - 1);
	}

	ServiceProcess admin() {
		return this.admin;
	}

	/**
	 * Returns a client of the admin's REST API signed in as {@value #USER}.
	 * @return the client
	 */
	AdminHttp operator() {
		return new AdminHttp(this.admin.port(), USER, PASSWORD);
	}

	/**
	 * Creates a version of the bundled cascade with the tiers of its version 1 and each
	 * gate's threshold moved, through the admin's REST API.
	 * @param thresholdChange added to each threshold (the result kept in
	 * {@code [0.5, 0.999]})
	 * @param description the version's description
	 * @return the new version's number
	 */
	int createVersion(double thresholdChange, String description) {
		AdminHttp operator = operator();
		JsonNode first = AdminHttp.json(operator.get("/api/cascades/" + CASCADE + "/versions/1"));
		ObjectNode request = JSON.createObjectNode();
		ArrayNode tiers = request.putArray("tiers");
		for (JsonNode tier : first.required("tiers")) {
			ObjectNode copy = tiers.addObject();
			copy.put("model", tier.at("/model/model").asString() + ":" + tier.at("/model/version").asInt());
			if (!tier.path("gate").isNull() && !tier.path("gate").isMissingNode()) {
				copy.put("threshold",
						Math.min(0.999, Math.max(0.5, tier.at("/gate/threshold").asDouble() + thresholdChange)));
			}
			copy.put("batchSize", tier.required("batchSize").asInt());
			copy.put("maxBatchDelayMillis", tier.required("maxBatchDelayMillis").asInt());
		}
		request.put("description", description);
		HttpResponse<String> created = operator.postJson("/api/cascades/" + CASCADE + "/versions",
				JSON.writeValueAsString(request));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return AdminHttp.json(created).required("version").asInt();
	}

	/**
	 * Returns the last lines of every service's log, for a failed test.
	 * @param lines how many per service
	 * @return the lines
	 */
	String tails(int lines) {
		StringBuilder tails = new StringBuilder();
		for (ServiceProcess service : services()) {
			tails.append(service.tail(lines)).append('\n');
		}
		return tails.toString();
	}

	private List<ServiceProcess> services() {
		List<ServiceProcess> services = new ArrayList<>(this.apis);
		if (this.admin != null) {
			services.add(this.admin);
		}
		return services;
	}

	private static Path jar(String property) {
		String path = System.getProperty(property);
		assertThat(path).as("system property " + property).isNotNull();
		return Path.of(path);
	}

	/** Stops the admin and the instances, then the registry. */
	@Override
	public void close() {
		try {
			List<ServiceProcess> services = services();
			for (int i = services.size() - 1; i >= 0; i--) {
				services.get(i).close();
			}
		}
		finally {
			this.registry.close();
		}
	}

}
