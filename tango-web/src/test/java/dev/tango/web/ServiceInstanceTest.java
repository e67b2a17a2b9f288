package dev.tango.web;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceInstanceTest {

	@Test
	void namesTheLocalHostAndThisProcess() throws Exception {
		assertThat(ServiceInstance.hostName()).isEqualTo(InetAddress.getLocalHost().getHostName())
			.isNotEqualTo(ServiceInstance.UNKNOWN_HOST);
		assertThat(ServiceInstance.processId()).isEqualTo(ProcessHandle.current().pid()).isPositive();
	}

}
