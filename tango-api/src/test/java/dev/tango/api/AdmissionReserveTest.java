package dev.tango.api;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tango.api.admission.reserve} binds with its default and is refused outside (0,
 * 1) when the application starts, with a message naming the property.
 */
class AdmissionReserveTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsToHalfTheRequestTimeout() {
		this.runner
			.run((context) -> assertThat(context.getBean(ApiProperties.class).admission().reserve()).isEqualTo(0.5));
	}

	@Test
	void bindsAShareStrictlyBetweenZeroAndOne() {
		this.runner.withPropertyValues("tango.api.admission.reserve=0.3")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).admission().reserve()).isEqualTo(0.3));
	}

	@Test
	void refusesZeroOneAndBeyond() {
		for (String reserve : new String[] { "0", "1", "-0.2", "1.5" }) {
			this.runner.withPropertyValues("tango.api.admission.reserve=" + reserve)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("tango.api.admission.reserve"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiProperties.class)
	static class PropertiesConfiguration {

	}

}
