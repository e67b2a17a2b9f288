package dev.tango.admin.testing;

import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts a headless Chromium driven through Selenium: Debian's {@code chromium} and
 * {@code chromium-driver} ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}), or
 * the programs named by the environment variables {@code TANGO_CHROMIUM} and
 * {@code TANGO_CHROMEDRIVER}. Shared with the end-to-end tests through this module's test
 * jar.
 */
public final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * Starts a browser with a 1280 by 1000 window; the caller quits it.
	 * @return the browser
	 */
	public static WebDriver start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getenv().getOrDefault("TANGO_CHROMIUM", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(
					Path.of(System.getenv().getOrDefault("TANGO_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
			.build();
		return new ChromeDriver(service, options);
	}

}
