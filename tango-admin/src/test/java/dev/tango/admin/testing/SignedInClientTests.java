package dev.tango.admin.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tango.models.registry.ModelRegistry;

/**
 * A base for tests of the whole service ({@link AdminIntegrationTest}) over real HTTP:
 * before each test, {@link #http} is a client signed in as
 * {@value AdminIntegrationTest#USER} on the service's port, and {@link #jobs} uploads
 * data sets and runs jobs through it; {@link #registry} is the service's registry, to
 * fill or read directly, and {@link #smallHead()} a head to fill it with. Subclasses' own
 * {@code @BeforeEach} methods run after it, so they may use both.
 */
public abstract class SignedInClientTests {

	/** The service's port. */
	@LocalServerPort
	protected int port;

	/** The service's registry. */
	@Autowired
	protected ModelRegistry registry;

	/** A client signed in as the test user, new for each test. */
	protected AdminHttp http;

	/** Data sets and jobs over {@link #http}, new for each test. */
	protected AdminJobs jobs;

	/**
	 * Returns the test class's small lexical head ({@link LexicalHeads#smallHead}), under
	 * its {@link ArtifactRoot}.
	 * @return the head's file
	 */
	protected Path smallHead() {
		return LexicalHeads.smallHead(getClass());
	}

	@BeforeEach
	protected final void signIn() {
		this.http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		this.jobs = new AdminJobs(this.http);
	}

}
