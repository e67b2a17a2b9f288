package dev.tango.api.it;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged {@code tango-api.jar} as {@code ./tango run} starts it: its own JVM, the
 * embedded database in its working directory, the bundled {@code sst2-sentiment} cascade
 * seeded on first start; answers over HTTP, then stops gracefully on SIGTERM with exit
 * status 0.
 */
class PackagedJarIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@TempDir
	Path workingDirectory;

	private Process process;

	@AfterEach
	void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void startsServesAndStopsGracefully() throws Exception {
		Path jar = Path.of("target", "tango-api.jar").toAbsolutePath();
		assertThat(jar).exists();
		Path log = this.workingDirectory.resolve("tango-api.log");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx1g");
		String cache = System.getProperty("tango.cache.dir");
		if (cache != null) {
			command.add("-Dtango.cache.dir=" + Path.of(cache).toAbsolutePath());
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0"));
		this.process = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();

		int port = await().atMost(Duration.ofMinutes(2)).until(() -> port(log), (found) -> found > 0);
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofMinutes(2)).until(() -> status(http, get(port, "/actuator/health/readiness")) == 200);
		HttpResponse<String> answer = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/classify"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"inputs\": [\"a wonderful , moving and beautifully acted film .\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(ServiceIT.JSON.readTree(answer.body()).at("/cascade").stringValue()).isEqualTo("sst2-sentiment");
		assertThat(ServiceIT.JSON.readTree(answer.body()).at("/results/0/label").stringValue())
			.as("the bundled cascade's display name of label 1")
			.isEqualTo("positive");
		assertThat(status(http, get(port, "/v3/api-docs"))).isEqualTo(200);
		assertThat(status(http, get(port, "/swagger-ui/index.html"))).isEqualTo(200);
		assertThat(this.workingDirectory.resolve("data/tango.mv.db")).as("the embedded registry").exists();

		this.process.destroy();
		assertThat(this.process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(this.process.exitValue()).as("exit status after SIGTERM").isZero();
		assertThat(output).contains("Graceful shutdown complete", "drained and closed")
			.doesNotContain("Exception in thread", "ERROR");
	}

	private static HttpRequest get(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
	}

	private static int status(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int port(Path log) throws IOException {
		if (!Files.exists(log)) {
			return -1;
		}
		Matcher matcher = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

}
