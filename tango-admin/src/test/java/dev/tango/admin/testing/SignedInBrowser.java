package dev.tango.admin.testing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless browser signed in to the admin under test, for each test method: registered
 * as an instance field with {@code @RegisterExtension} in an
 * {@link AdminIntegrationTest @AdminIntegrationTest} class on a random port. Before each
 * test it opens {@link AdminPages} on the application context's {@code local.server.port}
 * and signs in as {@link AdminIntegrationTest#USER}; after it, it checks that the browser
 * logged no {@linkplain AdminPages#policyViolations() Content-Security-Policy violation}
 * on any page the test visited, and closes the browser. Aborts the test where the build
 * skips browser tests, as {@link AdminPages#open} does.
 */
public final class SignedInBrowser implements BeforeEachCallback, AfterEachCallback {

	private @Nullable AdminPages pages;

	/**
	 * Returns the pages of the running test.
	 * @return the pages, signed in
	 * @throws NullPointerException outside a test method
	 */
	public AdminPages pages() {
		return Objects.requireNonNull(this.pages, "no browser outside a test method");
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		int port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
		this.pages = AdminPages.open(port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.pages != null) {
			try {
				assertThat(this.pages.policyViolations()).as("what the Content-Security-Policy refused").isEmpty();
			}
			finally {
				this.pages.close();
				this.pages = null;
			}
		}
	}

}
