package dev.tango.admin.testing;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A base for tests of the pages ({@link AdminIntegrationTest} on a random port): what
 * {@link SignedInClientTests} gives, and {@link #browser}, a headless Chromium signed in
 * as the same user for each test, which fails the test if a page broke the
 * Content-Security-Policy.
 */
public abstract class SignedInPageTests extends SignedInClientTests {

	/** The browser, signed in before each test and closed after it. */
	@RegisterExtension
	protected final SignedInBrowser browser = new SignedInBrowser();

}
