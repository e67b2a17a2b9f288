package dev.tango.api.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.BeforeEach;

import dev.tango.api.ApiProperties;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A unit test of serving over keyword cascades ({@link TestCascades}): a mocked registry
 * that finds the versions of cascade {@value #NAME} the test puts in {@link #versions},
 * registry changes the test fires, a loader of keyword tiers, and meters; the test makes
 * its {@link CascadeServer} with {@link #newServer}.
 */
public abstract class KeywordServingTest {

	/** The cascade whose versions the registry finds. */
	protected static final String NAME = "sentiment";

	protected final ModelRegistry registry = mock(ModelRegistry.class);

	protected final TestCascades.Changes changes = new TestCascades.Changes();

	protected final TestCascades.Loader loader = new TestCascades.Loader();

	protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** The versions of {@value #NAME} the registry finds, by number. */
	protected final Map<Integer, CascadeVersion> versions = new ConcurrentHashMap<>();

	@BeforeEach
	void findVersions() {
		given(this.registry.findCascadeVersion(eq(NAME), anyInt()))
			.willAnswer((call) -> Optional.ofNullable(this.versions.get(call.<Integer>getArgument(1))));
	}

	/**
	 * Makes a server over this registry, loader and meters, that traces nothing.
	 * @param settings its settings
	 * @return the server, not started
	 */
	protected CascadeServer newServer(ApiProperties settings) {
		return new CascadeServer(this.registry, () -> this.changes, this.loader, settings, this.meters,
				new ServingTracing(Tracer.NOOP));
	}

	/**
	 * Makes the registry list a version of {@value #NAME} as its only active cascade.
	 * @param version the version's number, one of {@link #versions}
	 */
	protected void activeIs(int version) {
		given(this.registry.listActive())
			.willReturn(List.of(new ActiveCascade(this.versions.get(version), version, Instant.now(), "test")));
	}

}
