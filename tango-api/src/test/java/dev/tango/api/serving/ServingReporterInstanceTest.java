package dev.tango.api.serving;

import org.junit.jupiter.api.Test;

import dev.tango.web.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class ServingReporterInstanceTest {

	@Test
	void anInstanceReportsAsHostColonProcessIdTheSameOnEveryCall() {
		String expected = ServiceInstance.hostName() + ":" + ProcessHandle.current().pid();
		assertThat(ServingReporter.defaultInstance()).isEqualTo(expected).isEqualTo(ServingReporter.defaultInstance());
	}

}
