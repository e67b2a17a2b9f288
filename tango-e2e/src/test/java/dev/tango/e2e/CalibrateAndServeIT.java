package dev.tango.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.AdminPages;
import dev.tango.client.Health;
import dev.tango.client.TangoClient;
import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.ClassifyResponse;
import dev.tango.client.classify.TextInput;
import dev.tango.client.feedback.FeedbackItem;
import dev.tango.client.feedback.FeedbackRequest;
import dev.tango.client.feedback.FeedbackResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's round trip on the packaged services as they are deployed: tango-api and
 * tango-admin in processes of their own ({@link ServiceProcess}) on one PostgreSQL
 * registry ({@link SharedRegistry}), sharing a head directory; tango-api seeds the
 * bundled {@value #CASCADE} cascade on its first start. In a headless Chromium the
 * operator signs in to the admin pages, uploads a labelled data set of {@value #ROWS}
 * SST-2 rows, calibrates the cascade on it from the cascade's page, watches the job reach
 * 100%, sees the new version's curve and activates that version by button. tango-api,
 * never restarted, then answers with the new version, and its readiness and its answers
 * never failed meanwhile ({@link ServingMonitor}). Requests then sent to tango-api show
 * up, counted exactly, in the admin's live numbers of that version (its REST endpoint and
 * the cascade page), from tango-api's traffic reports. Then feedback sent through the
 * Java client becomes the admin's live accuracy and a calibration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalibrateAndServeIT {

	static final String CASCADE = "sst2-sentiment";

	static final String USER = "operator";

	static final String PASSWORD = "operator-secret";

	static final int ROWS = 200;

	static final List<String> TEXTS = List.of("a wonderful , moving and beautifully acted film .",
			"a dull , tedious mess that goes nowhere .");

	static final ClassifyRequest REVIEWS = ClassifyRequest.of(TEXTS);

	/** Requests sent to count on the admin's live numbers. */
	static final int SENT = 5;

	/**
	 * Longer than tango-api takes to report the traffic it answered: it writes its
	 * traffic reports every 5 s ({@code TrafficReport.WRITE_INTERVAL}), on a thread that
	 * turns about once a second.
	 */
	static final Duration TRAFFIC_REPORTED = Duration.ofSeconds(7);

	static Path run;

	static SharedRegistry registry;

	static ServiceProcess api;

	static ServiceProcess admin;

	@RegisterExtension
	static final LogsOnFailure LOGS = LogsOnFailure.printing(() -> Stream.of(api, admin)
		.filter(Objects::nonNull)
		.map((service) -> service.tail(300))
		.collect(Collectors.joining("\n")));

	AdminPages pages;

	@BeforeAll
	static void start() throws IOException {
		run = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "e2e-").toAbsolutePath();
		Path heads = Files.createDirectories(run.resolve("heads"));
		registry = SharedRegistry.start();
		List<String> shared = new ArrayList<>(registry.arguments());
		shared.add("--tango.artifacts.allowed-roots=" + heads);
		// tango-api first: it migrates the registry and seeds the bundled cascade.
		api = ServiceProcess.start("tango-api", jar("tango.api.jar"), run.resolve("api"), shared);
		api.awaitReady(Duration.ofMinutes(3));
		List<String> adminArguments = new ArrayList<>(shared);
		adminArguments.addAll(List.of("--tango.admin.jobs.head-directory=" + heads,
				"--tango.admin.jobs.poll-interval=200ms", "--tango.admin.users[0].name=" + USER,
				"--tango.admin.users[0].password={noop}" + PASSWORD, "--tango.admin.users[0].roles=ADMIN"));
		admin = ServiceProcess.start("tango-admin", jar("tango.admin.jar"), run.resolve("admin"), adminArguments);
		admin.awaitReady(Duration.ofMinutes(3));
	}

	@AfterAll
	static void stop() throws Exception {
		Resources.closeAll(admin, api, registry);
	}

	@BeforeEach
	void open() {
		this.pages = AdminPages.open(admin.port(), USER, PASSWORD);
	}

	@AfterEach
	void close() {
		this.pages.close();
	}

	@Test
	@Order(1)
	void uploadCalibrateActivateAndServe() throws Exception {
		TangoClient client = TangoClient.builder(api.uri("")).build();
		long apiPid = api.pid();
		ClassifyResponse first = client.classify(CASCADE, REVIEWS);
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.labels()).as("the bundled cascade's display names").containsExactly("positive", "negative");
		Path dataset = sst2Sample(run.resolve("sst2-dev-200.tsv"));

		try (ServingMonitor monitor = ServingMonitor.start(client, CASCADE, REVIEWS)) {
			// sign in: the pages need the operator's credentials
			assertThat(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(admin.uri("/")).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode()).isEqualTo(401);
			this.pages.visit("/");
			WebDriver browser = this.pages.browser();
			WebElement row = browser.findElement(By.xpath("//table[@id='cascades']//tr[td/a='" + CASCADE + "']"));
			assertThat(row.findElement(By.className("active-version")).getText()).isEqualTo("1");

			// upload the labelled data set on the overview page
			WebElement upload = browser.findElement(By.id("upload-form"));
			upload.findElement(By.name("file")).sendKeys(dataset.toString());
			upload.findElement(By.cssSelector("button[type=submit]")).click();
			this.pages.waitFor(Duration.ofSeconds(30))
				.until((driver) -> !driver
					.findElements(By.xpath("//table[@id='datasets']//tr[td='sst2-dev-200' and td='" + ROWS + "']"))
					.isEmpty());

			// start a calibration of version 1 on it from the cascade's page
			browser.findElement(By.linkText(CASCADE)).click();
			assertThat(new Select(browser.findElement(By.cssSelector("#calibrate-form select[name=version]")))
				.getFirstSelectedOption()
				.getText()).isEqualTo("1");
			this.pages.calibrate("sst2-dev-200 (" + ROWS + " rows)", "accuracy-budget", "0.01", false);

			// watch its progress reach 100% on the job's page
			this.pages.followJob(Duration.ofMinutes(5));
			assertThat(this.pages.resultValue("newVersion")).isEqualTo("2");
			assertThat(this.pages.resultValue("activated")).isEqualTo("false");

			// see the new version's curve, with the chosen threshold on it
			browser.findElement(By.id("new-version")).click();
			assertThat(browser.findElement(By.cssSelector("#calibration p")).getText()).startsWith("Version 2: ")
				.contains("sst2-dev-200");
			this.pages.assertCurve(10);
			// the ONNX tier of the new version (bge-small; the lexical tier runs no ONNX
			// Runtime session) shows the intra-op threads its calibration measured best
			assertThat(browser.findElements(By.cssSelector("tr[data-version='2'] .tiers .threads"))).hasSize(1)
				.allSatisfy((threads) -> assertThat(threads.getText()).matches("\\d+ threads?"));
			assertThat(this.pages.activeVersion()).isEqualTo("1");
			assertThat(client.classify(CASCADE, REVIEWS).version()).as("calibrated, not yet active").isEqualTo(1);

			// activate it by button
			browser.findElement(By.cssSelector("tr[data-version='2'] button.activate")).click();
			this.pages.confirm("calibrated on the dev set");
			this.pages.waitFor(Duration.ofSeconds(30)).until((driver) -> "2".equals(this.pages.activeVersion()));
			assertThat(browser.findElement(By.cssSelector("#history tbody tr td:nth-child(5)")).getText())
				.isEqualTo(USER);

			// tango-api serves it, without a restart
			await("tango-api serves version 2").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> client.classify(CASCADE, REVIEWS).version() == 2);
			ClassifyResponse answer = client.classify(CASCADE, REVIEWS);
			assertThat(answer.cascade()).isEqualTo(CASCADE);
			assertThat(answer.version()).isEqualTo(2);
			assertThat(answer.labels()).containsExactly("positive", "negative");
			Health readiness = client.readiness();
			assertThat(readiness.isUp()).as(readiness.toString()).isTrue();
			assertThat(readiness.component("cascades", CASCADE).orElseThrow().details()).as(readiness.toString())
				.containsEntry("servedVersion", 2);
			Thread.sleep(3 * ServingMonitor.PERIOD_MILLIS);

			// and never stopped being ready or answering meanwhile
			monitor.stop();
			assertThat(monitor.failures()).isEmpty();
			assertThat(monitor.probes()).isGreaterThan(20);
			assertThat(monitor.versions()).isSorted().startsWith(1).endsWith(2).containsOnly(1, 2);
		}

		// the admin shows version 2's traffic from tango-api's reports, counted exactly
		// from a baseline that counts all of the traffic before
		AdminHttp http = new AdminHttp(admin.port(), USER, PASSWORD);
		JsonNode before = settledTraffic(http, 2);
		for (int i = 0; i < SENT; i++) {
			assertThat(client.classify(CASCADE, REVIEWS).version()).isEqualTo(2);
		}
		long inputs = before.get("inputs").asLong() + SENT * TEXTS.size();
		long requests = before.get("requests").asLong() + SENT;
		await("the admin counts the requests sent").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> liveTraffic(http, 2),
					(live) -> live.get("inputs").asLong() >= inputs && live.get("requests").asLong() >= requests);
		JsonNode traffic = liveTraffic(http, 2);
		assertThat(traffic.get("inputs").asLong()).isEqualTo(inputs);
		assertThat(traffic.get("requests").asLong()).isEqualTo(requests);
		assertThat(traffic.get("instances").asInt()).isEqualTo(1);
		assertThat(traffic.get("tierInputs").get(0).asLong()).isEqualTo(inputs);
		assertThat(traffic.get("inputsPerSecond").asDouble()).isPositive();
		assertThat(traffic.get("p95Millis").asDouble()).isPositive();
		this.pages.visit("/ui/cascades/" + CASCADE);
		assertThat(this.pages.browser()
			.findElement(By.cssSelector("#live-numbers tr[data-version='2'] .counts"))
			.getText()).startsWith(requests + " · " + inputs + " · ");

		assertThat(api.alive()).isTrue();
		assertThat(api.pid()).isEqualTo(apiPid);
		String log = api.log();
		assertThat(log.split("Started TangoApiApplication", -1)).as("tango-api started once").hasSize(2);
		assertThat(log).contains("Cascade " + CASCADE + " version 2 serves instead of version 1");
	}

	/**
	 * Feedback from a client of tango-api, end to end: SST-2 dev sentences classified
	 * through the Java client, their true labels sent back by answer id, and more
	 * sentences sent with their labels as texts; the admin then shows the live accuracy
	 * of the version that answered, counted exactly, and calibrates a new version on the
	 * texts. Runs after {@link #uploadCalibrateActivateAndServe()}, whose version numbers
	 * it would otherwise take.
	 */
	@Test
	@Order(2)
	void feedbackSentThroughTheClientBecomesLiveAccuracyAndACalibration() throws IOException {
		TangoClient client = TangoClient.builder(api.uri("")).build();
		List<String[]> dev = sst2Dev().stream().skip(1 + ROWS).map((line) -> line.split("\t")).toList();
		Map<String, String> names = Map.of("0", "negative", "1", "positive");
		List<FeedbackItem> answers = new ArrayList<>();
		int correct = 0;
		int version = 0;
		for (List<String[]> chunk : List.of(dev.subList(0, 45), dev.subList(45, 90))) {
			ClassifyResponse answer = client.classify(CASCADE,
					ClassifyRequest.of(chunk.stream().map((row) -> row[0]).toList()));
			version = answer.version();
			for (int i = 0; i < chunk.size(); i++) {
				ClassifyResponse.Result result = answer.results().get(i);
				answers.add(FeedbackItem.ofAnswer(result.answerId(), chunk.get(i)[1]));
				correct += result.label().equals(names.get(chunk.get(i)[1])) ? 1 : 0;
			}
		}
		FeedbackResponse byAnswer = client.feedback(new FeedbackRequest(null, answers.subList(0, 45)));
		FeedbackResponse byAnswerToo = client.feedback(new FeedbackRequest(null, answers.subList(45, 90)));
		assertThat(byAnswer.accepted() + byAnswerToo.accepted()).isEqualTo(90);
		for (List<String[]> chunk : List.of(dev.subList(90, 150), dev.subList(150, 210))) {
			FeedbackResponse byText = client.feedback(new FeedbackRequest(CASCADE,
					chunk.stream()
						.map((row) -> FeedbackItem.ofInput(TextInput.of(row[0]), names.get(row[1])))
						.toList()));
			assertThat(byText.accepted()).as(byText.toString()).isEqualTo(60);
		}

		// the admin: the live accuracy of the version that answered, counted exactly
		AdminHttp http = new AdminHttp(admin.port(), USER, PASSWORD);
		JsonNode all = null;
		for (JsonNode row : AdminHttp.json(http.get("/api/cascades/" + CASCADE + "/live-accuracy"))) {
			if (row.get("version").asInt() == version && row.get("tier").isNull()) {
				all = row;
			}
		}
		assertThat(all).as("live accuracy of version " + version).isNotNull();
		assertThat(all.get("labelled").asLong()).isEqualTo(90);
		assertThat(all.get("correct").asLong()).isEqualTo(correct);
		assertThat(all.get("lower").asDouble()).isLessThan(all.get("accuracy").asDouble());

		// and a calibration on the texts, as a new version
		AdminJobs jobs = new AdminJobs(http);
		long job = jobs.submit("/api/jobs/calibrate", """
				{"cascade": "%s", "feedback": true, "folds": 4, "measureCosts": false,
				 "policy": {"name": "accuracy-budget", "maxDrop": 0.02}}""".formatted(CASCADE));
		JsonNode result = jobs.awaitSuccess(job).get("result");
		assertThat(result.get("calibrationRows").asInt()).isEqualTo(120);
		assertThat(result.get("sourceVersion").asInt()).isEqualTo(version);
		assertThat(result.get("newVersion").asInt()).isGreaterThan(version);
	}

	/**
	 * Reads a version's live traffic once tango-api has reported all that it answered so
	 * far: when two reads {@link #TRAFFIC_REPORTED} apart give the same counts.
	 */
	private static JsonNode settledTraffic(AdminHttp http, int version) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
		JsonNode previous = null;
		while (true) {
			Thread.sleep(TRAFFIC_REPORTED.toMillis());
			JsonNode current = liveTraffic(http, version);
			if (previous != null && counts(current).equals(counts(previous))) {
				return current;
			}
			assertThat(Instant.now()).as("version %d's reported traffic settles", version).isBefore(deadline);
			previous = current;
		}
	}

	private static List<JsonNode> counts(JsonNode traffic) {
		return List.of(traffic.get("requests"), traffic.get("inputs"), traffic.get("tierInputs"));
	}

	/**
	 * Returns a version's traffic as the admin's {@code GET /api/cascades/{c}/live} gives
	 * it.
	 */
	private static JsonNode liveTraffic(AdminHttp http, int version) {
		HttpResponse<String> response = http.get("/api/cascades/" + CASCADE + "/live");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode row : AdminHttp.json(response)) {
			if (row.get("version").asInt() == version && !row.get("traffic").isNull()) {
				return row.get("traffic");
			}
		}
		throw new AssertionError("No live traffic of version " + version + ": " + response.body());
	}

	/** Writes the first {@value #ROWS} rows of SST-2 dev, with its header. */
	private static Path sst2Sample(Path file) throws IOException {
		return Files.write(file, sst2Dev().subList(0, ROWS + 1), StandardCharsets.UTF_8);
	}

	/** The lines of SST-2 dev, its header first. */
	private static List<String> sst2Dev() throws IOException {
		return Files.readAllLines(Path.of(System.getProperty("tango.shared.dir"), "data", "sst2", "dev.tsv"),
				StandardCharsets.UTF_8);
	}

	private static Path jar(String property) {
		String path = System.getProperty(property);
		assertThat(path).as("system property " + property).isNotNull();
		return Path.of(path);
	}

}
