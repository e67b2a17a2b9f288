package dev.tango.web;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThatCode;

class ServiceInstanceTest {

	@Test
	void namesTheLocalHostAndThisProcess() throws Exception {
		assumeThatCode(InetAddress::getLocalHost).as("this host's name resolves").doesNotThrowAnyException();
		assertThat(ServiceInstance.hostName()).isEqualTo(InetAddress.getLocalHost().getHostName())
			.isNotEqualTo(ServiceInstance.UNKNOWN_HOST);
		assertThat(ServiceInstance.processId()).isEqualTo(ProcessHandle.current().pid()).isPositive();
	}

}
