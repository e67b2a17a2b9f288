package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads data sets and runs jobs on a running admin service over its REST API.
 */
public final class AdminJobs {

	/** How long a job may take here. */
	public static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final AdminHttp http;

	/**
	 * Creates a client.
	 * @param http calls the service
	 */
	public AdminJobs(AdminHttp http) {
		this.http = http;
	}

	/**
	 * Uploads a TSV data set and expects it stored.
	 * @param name the data set's name
	 * @param content the file's bytes
	 * @return the data set's id
	 */
	public long upload(String name, byte[] content) {
		HttpResponse<String> response = this.http.postFile("/api/datasets", name + ".tsv", content);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return AdminHttp.json(response).get("id").asLong();
	}

	/**
	 * Reads the header and the first rows of a data file, as a data set to upload.
	 * @param file the file, with a header line
	 * @param rows how many rows after the header
	 * @return the bytes, ending with a newline
	 */
	public static byte[] firstRows(Path file, int rows) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return (String.join("\n", lines.subList(0, rows + 1)) + "\n").getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Queues a job and expects it accepted.
	 * @param path the job kind's path, such as {@code /api/jobs/calibrate}
	 * @param body the job's parameters as JSON
	 * @return the job's id
	 */
	public long submit(String path, String body) {
		HttpResponse<String> response = this.http.postJson(path, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return AdminHttp.json(response).get("id").asLong();
	}

	/**
	 * Waits for a job to succeed, failing as soon as it fails or is cancelled.
	 * @param job the job's id
	 * @return the job as it finished
	 */
	public JsonNode awaitSuccess(long job) {
		return awaitSuccess(job, new ArrayList<>());
	}

	/**
	 * Waits for a job to succeed, noting its progress on every poll.
	 * @param job the job's id
	 * @param progress receives the percent seen at each poll
	 * @return the job as it finished
	 */
	public JsonNode awaitSuccess(long job, List<Double> progress) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = AdminHttp.json(this.http.get("/api/jobs/" + job));
			progress.add(last[0].get("progress").get("percent").asDouble());
			String status = last[0].get("status").asString();
			assertThat(status).as("job %d: %s", job, last[0].get("error")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
			return status.equals("SUCCEEDED");
		});
		return last[0];
	}

	/**
	 * Waits for a job to fail and expects its error to say something.
	 * @param job the job's id
	 * @param error what the error must contain
	 */
	public void awaitFailure(long job, String error) {
		Awaitility.await()
			.atMost(TIMEOUT)
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + job)).get("status").asString().equals("FAILED"));
		assertThat(AdminHttp.json(this.http.get("/api/jobs/" + job)).get("error").asString()).contains(error);
	}

}
