package dev.tango.admin;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.Sst2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repackaged jar, started as operators start it (the demo profile, the embedded
 * database, its own process): it must find every class it needs at run time, which the
 * test class path does not prove, and run a job on the embedded database, which the other
 * tests run on PostgreSQL.
 */
class PackagedApplicationIT {

	@TempDir
	Path workingDirectory;

	@Test
	void theJarStartsAndServes() throws Exception {
		Path jar;
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter((file) -> file.getFileName().toString().matches("tango-admin-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Package the module first: no jar in target"))
				.toAbsolutePath();
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = this.workingDirectory.resolve("admin.log");
		String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(javaCommand, "-jar", jar.toString(),
				"--spring.profiles.active=demo", "--server.port=" + port, "--tango.registry.seed="))
			.directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpClient client = HttpClient.newHttpClient();
			String base = "http://localhost:" + port;
			Awaitility.await()
				.atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.failFast(() -> !process.isAlive())
				.until(() -> status(client, base + "/actuator/health/readiness", null) == 200);

			assertThat(status(client, base + "/api/jobs", null)).isEqualTo(401);
			assertThat(status(client, base + "/api/jobs", "Basic YWRtaW46dGFuZ28tZGVtbw==")).isEqualTo(200);
			assertThat(status(client, base + "/v3/api-docs", "Basic YWRtaW46dGFuZ28tZGVtbw==")).isEqualTo(200);
			assertThat(status(client, base + "/swagger-ui/index.html", "Basic YWRtaW46dGFuZ28tZGVtbw=="))
				.isEqualTo(200);
			assertThat(new File(this.workingDirectory.toFile(), "data")).isDirectory();

			// a job is queued, claimed and run on the embedded database as on PostgreSQL
			AdminJobs jobs = new AdminJobs(new AdminHttp(port, "admin", "tango-demo"));
			long dataset = jobs.upload("packaged-sst2-200", AdminJobs.firstRows(Sst2.TRAIN, 200));
			JsonNode fitted = jobs.awaitSuccess(jobs.submit("/api/jobs/fit-head", """
					{"model": "packaged-lexical", "datasetId": %d, "encoder": "lexical"}""".formatted(dataset)));
			assertThat(fitted.get("result").get("model").asString()).isEqualTo("packaged-lexical:1");
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		assertThat(Files.readString(log)).contains("Started TangoAdminApplication").doesNotContain("ClassNotFound");
	}

	private static int status(HttpClient client, String uri, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
