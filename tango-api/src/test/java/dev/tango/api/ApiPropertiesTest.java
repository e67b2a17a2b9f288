package dev.tango.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings bind with their defaults, and outside their range are refused when the
 * application starts, with a message naming the property.
 */
class ApiPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaults() {
		this.runner.run((context) -> {
			ApiProperties properties = context.getBean(ApiProperties.class);
			assertThat(properties.admission().reserve()).isEqualTo(0.5);
			assertThat(properties.servingReports().retention()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void bindsAnAdmissionReserveStrictlyBetweenZeroAndOne() {
		this.runner.withPropertyValues("tango.api.admission.reserve=0.3")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).admission().reserve()).isEqualTo(0.3));
	}

	@Test
	void refusesAnAdmissionReserveOfZeroOneOrBeyond() {
		for (String reserve : new String[] { "0", "1", "-0.2", "1.5" }) {
			this.runner.withPropertyValues("tango.api.admission.reserve=" + reserve)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("tango.api.admission.reserve"));
		}
	}

	@Test
	void refusesAServingReportRetentionNoLongerThanTheirStaleness() {
		this.runner.withPropertyValues("tango.api.serving-reports.retention=60s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tango.api.serving-reports.retention must be longer than 60 s"));
		this.runner.withPropertyValues("tango.api.serving-reports.retention=10m")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).servingReports().retention())
				.isEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void refusesAnApiKeyThatIsNotVisibleAscii() {
		for (String key : new String[] { "ünïcode", "two words", "tab\tkey" }) {
			this.runner
				.withPropertyValues("tango.api.auth.enabled=true", "tango.api.auth.keys[0]=fine-key",
						"tango.api.auth.keys[1]=" + key)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("tango.api.auth.keys[1] holds a character that is not visible ASCII"));
		}
		this.runner.withPropertyValues("tango.api.auth.enabled=true", "tango.api.auth.keys=a-B_c.1~x+/=")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).auth().keys())
				.containsExactly("a-B_c.1~x+/="));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiProperties.class)
	static class PropertiesConfiguration {

	}

}
