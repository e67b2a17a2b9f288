package dev.tango.admin.job;

import org.junit.jupiter.api.Test;

import dev.tango.web.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class JobConfigurationTest {

	@Test
	void aWorkerIsNamedByHostProcessAndARandomSuffixSoThatTwoWorkersOfOneProcessDiffer() {
		String prefix = ServiceInstance.hostName() + "/" + ProcessHandle.current().pid() + "/";
		String first = JobConfiguration.instanceId();
		String second = JobConfiguration.instanceId();
		assertThat(first).startsWith(prefix).matches(".*/[0-9a-f]{8}");
		assertThat(second).startsWith(prefix).isNotEqualTo(first);
	}

}
