package dev.tango.admin.testing;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A base for tests of the whole service ({@link AdminIntegrationTest}) over real HTTP:
 * before each test, {@link #http} is a client signed in as
 * {@value AdminIntegrationTest#USER} on the service's port, and {@link #jobs} uploads
 * data sets and runs jobs through it. Subclasses' own {@code @BeforeEach} methods run
 * after it, so they may use both.
 */
public abstract class SignedInClientTests {

	/** The service's port. */
	@LocalServerPort
	protected int port;

	/** A client signed in as the test user, new for each test. */
	protected AdminHttp http;

	/** Data sets and jobs over {@link #http}, new for each test. */
	protected AdminJobs jobs;

	@BeforeEach
	protected final void signIn() {
		this.http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		this.jobs = new AdminJobs(this.http);
	}

}
