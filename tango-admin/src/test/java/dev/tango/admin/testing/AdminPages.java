package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages in a headless Chromium, signed in as one user on the sign-in
 * page, and the steps their tests share. The browser is Debian's {@code chromium} and
 * {@code chromium-driver}, or the programs named by {@code TANGO_CHROMIUM} and
 * {@code TANGO_CHROMEDRIVER}; with the system property {@code tango.browser.skip} set to
 * {@code true} (what {@code ./tango test} does where neither is installed, outside CI)
 * the tests that open it are skipped. The browser keeps its console's messages, from
 * which {@link #policyViolations()} reads what the Content-Security-Policy refused.
 * Shared with the end-to-end tests through this module's test jar. Close it to quit the
 * browser.
 */
public final class AdminPages implements AutoCloseable {

	private final WebDriver browser;

	private final String base;

	private AdminPages(WebDriver browser, String base) {
		this.browser = browser;
		this.base = base;
	}

	/**
	 * Starts a browser, with a 1280 by 1000 window, for a service.
	 * @param port the service's port on localhost
	 * @param user the user's name
	 * @param password the user's password
	 * @return the pages, nothing visited yet
	 */
	public static AdminPages open(int port, String user, String password) {
		if (Boolean.getBoolean("tango.browser.skip")) {
			Assumptions.abort("No Chromium or ChromeDriver on this machine: ./tango test skips the browser tests "
					+ "(CI never does)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getenv().getOrDefault("TANGO_CHROMIUM", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(
					Path.of(System.getenv().getOrDefault("TANGO_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
			.build();
		AdminPages pages = new AdminPages(new ChromeDriver(service, options), "http://localhost:" + port);
		pages.signIn(user, password);
		return pages;
	}

	/**
	 * Signs in on the sign-in page, which a page opened without a session leads to.
	 * @param user the user's name
	 * @param password the password
	 */
	public void signIn(String user, String password) {
		this.browser.get(this.base + "/");
		WebElement form = this.browser.findElement(By.id("sign-in"));
		form.findElement(By.name("username")).sendKeys(user);
		form.findElement(By.name("password")).sendKeys(password);
		form.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(Duration.ofSeconds(10)).until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	/**
	 * Returns the browser, on the page last visited.
	 * @return the browser
	 */
	public WebDriver browser() {
		return this.browser;
	}

	/**
	 * Opens a page, signed in.
	 * @param path the page's path, from {@code /}
	 */
	public void visit(String path) {
		this.browser.get(this.base + path);
	}

	/**
	 * Returns what the browser's console said the pages' Content-Security-Policy refused
	 * (an inline script or style, a source from elsewhere) since the last call, on every
	 * page visited meanwhile.
	 * @return the console's messages about the policy, oldest first
	 */
	public List<String> policyViolations() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	/**
	 * Waits for the page, which a script may reload meanwhile.
	 * @param timeout how long at most
	 * @return the wait
	 */
	public WebDriverWait waitFor(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.browser, timeout);
		wait.ignoring(StaleElementReferenceException.class);
		wait.withMessage(() -> "on " + this.browser.getCurrentUrl() + ", the page's message: "
				+ this.browser.findElements(By.id("message")).stream().map(WebElement::getText).toList());
		return wait;
	}

	/**
	 * On a cascade's page, reads the active version.
	 * @return the version, as shown
	 */
	public String activeVersion() {
		try {
			return this.browser.findElement(By.cssSelector("#versions tr.is-active")).getAttribute("data-version");
		}
		catch (WebDriverException ex) {
			// Chrome says so of an element of a page that a script is reloading: the same
			// as
			// a stale element, which waits ignore.
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				throw new StaleElementReferenceException("the page was reloading", ex);
			}
			throw ex;
		}
	}

	/**
	 * On a cascade's page, fills in the calibration form (version: the one preselected)
	 * and submits it.
	 * @param dataset the data set's option, as shown ({@code name (n rows)})
	 * @param policy the policy's value, {@code accuracy-budget} for example
	 * @param budget the budget, as typed
	 * @param activate whether the new version is to be activated by the job
	 */
	public void calibrate(String dataset, String policy, String budget, boolean activate) {
		WebElement form = this.browser.findElement(By.id("calibrate-form"));
		new Select(form.findElement(By.name("datasetId"))).selectByVisibleText(dataset);
		new Select(form.findElement(By.name("policy.name"))).selectByValue(policy);
		WebElement field = form.findElement(By.name("policy.budget"));
		field.clear();
		field.sendKeys(budget);
		WebElement box = form.findElement(By.name("activate"));
		if (box.isSelected() != activate) {
			box.click();
		}
		form.findElement(By.cssSelector("button[type=submit]")).click();
	}

	/**
	 * Follows the job the browser was sent to until it succeeds, failing as soon as it
	 * fails or is cancelled, and checks that the progress it showed never went back and
	 * ended at 100%.
	 * @param timeout how long at most
	 */
	public void followJob(Duration timeout) {
		waitFor(Duration.ofSeconds(10)).until((driver) -> driver.getCurrentUrl().contains("/ui/jobs/"));
		List<Double> seen = new ArrayList<>();
		waitFor(timeout).pollingEvery(Duration.ofMillis(100)).until((driver) -> {
			WebElement progress = driver.findElement(By.id("job-progress"));
			// status before percent: the page renders both at once, so a finished status
			// read first guarantees the percent read after it is the final one
			String status = progress.getAttribute("data-job-status");
			seen.add(Double.parseDouble(progress.findElement(By.className("percent")).getText().replace("%", "")));
			assertThat(status).as(driver.findElement(By.id("job-error")).getText()).isNotIn("FAILED", "CANCELLED");
			return "SUCCEEDED".equals(status);
		});
		assertThat(seen).isSorted();
		assertThat(seen.get(seen.size() - 1)).isEqualTo(100.0);
	}

	/**
	 * On a cascade's page, checks the calibration curve: an accuracy, an escalation and a
	 * speedup line of the same points, and the chosen threshold's mark among them, on
	 * each line.
	 * @param minPoints the fewest points the lines must have
	 */
	public void assertCurve(int minPoints) {
		WebElement curve = this.browser.findElement(By.id("curve"));
		double[] xs = Arrays.stream(curve.findElement(By.id("accuracy-line")).getAttribute("points").split(" "))
			.mapToDouble((point) -> Double.parseDouble(point.substring(0, point.indexOf(','))))
			.toArray();
		assertThat(xs.length).isGreaterThan(minPoints);
		assertThat(curve.findElement(By.id("escalation-line")).getAttribute("points").split(" ")).hasSize(xs.length);
		assertThat(curve.findElement(By.id("speedup-line")).getAttribute("points").split(" ")).hasSize(xs.length);
		assertThat(curve.findElements(By.cssSelector("#chosen-point circle"))).hasSize(3);
		double chosen = Double.parseDouble(curve.findElement(By.id("chosen")).getAttribute("x1"));
		assertThat(chosen).isBetween(Arrays.stream(xs).min().orElseThrow(), Arrays.stream(xs).max().orElseThrow());
	}

	/**
	 * On a job's page, reads a value of its result table, waiting up to 10 seconds for
	 * the table (the page fetches it once the job has finished).
	 * @param name the value's path in the result, {@code newVersion} for example
	 * @return the value, as shown
	 */
	public String resultValue(String name) {
		// the job's outcome is fetched and swapped in after its status turns SUCCEEDED
		return waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.cssSelector("#job-result tr[data-name='" + name + "'] td")))
			.getText();
	}

	/**
	 * Answers the confirmation dialog that a button opened: types the reason and
	 * confirms.
	 * @param reason the reason, recorded in the audit
	 */
	public void confirm(String reason) {
		WebElement dialog = waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.cssSelector("#confirm-dialog[open]")));
		dialog.findElement(By.name("reason")).sendKeys(reason);
		dialog.findElement(By.id("confirm-submit")).click();
	}

	/**
	 * Scrolls an element to the top of the window, then saves a screenshot as
	 * {@link #screenshot(String)} does.
	 * @param name the file's name, without extension
	 * @param focus the element to show
	 */
	public void screenshot(String name, WebElement focus) {
		if (screenshotFolder() != null) {
			((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView(true);", focus);
			screenshot(name);
		}
	}

	/**
	 * Saves a screenshot of the page as {@code <name>.png} in the folder named by the
	 * system property {@code tango.screenshots}, when it is set (the admin's README shows
	 * them); does nothing otherwise.
	 * @param name the file's name, without extension
	 */
	public void screenshot(String name) {
		String folder = screenshotFolder();
		if (folder == null) {
			return;
		}
		try {
			Path target = Path.of(folder).resolve(name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the folder named by {@code tango.screenshots}, or null if none is named.
	 */
	private static @Nullable String screenshotFolder() {
		String folder = System.getProperty("tango.screenshots");
		return (folder == null || folder.isBlank()) ? null : folder;
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
