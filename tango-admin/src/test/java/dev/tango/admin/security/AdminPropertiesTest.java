package dev.tango.admin.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Binding {@code tango.admin}: a sign-in session lasts 12 hours unless configured, and
 * only a positive lifetime is accepted.
 */
class AdminPropertiesTest {

	@Test
	void aSessionLastsTwelveHoursByDefault() {
		assertThat(bind(Map.of()).session().lifetime()).isEqualTo(Duration.ofHours(12));
		assertThat(bind(Map.of("tango.admin.session.lifetime", "30m")).session().lifetime())
			.isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void aLifetimeThatIsNotPositiveIsRefused() {
		for (String lifetime : new String[] { "0s", "-1h" }) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> bind(Map.of("tango.admin.session.lifetime", lifetime)))
				.withStackTraceContaining("tango.admin.session.lifetime must be positive, was ");
		}
	}

	private static AdminProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tango.admin",
				AdminProperties.class);
	}

}
