package dev.tango.api.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a request's client is named: principal first, then the API key it was let in with,
 * then its address.
 */
class ClientsTest {

	@Test
	void namesAClientByPrincipalThenKeyThenAddress() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/feedback");
		request.setRemoteAddr("203.0.113.7");
		assertThat(Clients.of(request)).isEqualTo("address:203.0.113.7");
		Clients.letInWithKey(request, 2);
		assertThat(Clients.of(request)).isEqualTo("key:2");
		request.setUserPrincipal(() -> "alice");
		assertThat(Clients.of(request)).isEqualTo("principal:alice");
	}

}
