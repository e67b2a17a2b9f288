package dev.tango.runtime.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointPolicyTest {

	@Test
	void publicHttpsEndpointsPass() throws UnknownHostException {
		assertThat(EndpointPolicy.PUBLIC_ONLY.check("https://8.8.8.8:8443/v2/models/sst2-large/versions/3"))
			.hasToString("https://8.8.8.8:8443/v2/models/sst2-large/versions/3");
	}

	@Test
	void nonPublicAddressesAreRefusedUnlessTheirHostIsListedAsInternal() throws UnknownHostException {
		for (String host : new String[] { "127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254",
				"100.64.0.1", "0.0.0.0", "[::1]", "[fd00::1]", "[fe80::1]", "localhost", "[2002:7f00:1::]",
				"[64:ff9b::a00:1]" }) {
			String endpoint = "https://" + host + "/v2/models/m";
			assertThatIllegalArgumentException().as(host)
				.isThrownBy(() -> EndpointPolicy.PUBLIC_ONLY.check(endpoint))
				.withMessageContaining("list the host in tango.runtime.remote.internal-hosts to allow it");
			assertThat(new EndpointPolicy(Set.of(host.toUpperCase())).check(endpoint)).hasToString(endpoint);
		}
	}

	@Test
	void plainHttpIsForInternalHostsOnly() throws UnknownHostException {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EndpointPolicy.PUBLIC_ONLY.check("http://8.8.8.8/v2/models/m"))
			.withMessageContaining(
					"plain http, allowed only to hosts listed in tango.runtime.remote.internal-hosts: use https, or list the host 8.8.8.8");
		assertThat(new EndpointPolicy(Set.of("triton.internal")).check("http://triton.internal:8000/v2/models/m")
			.getPort()).isEqualTo(8000);
	}

	@Test
	void onlyModelEndpointsWithoutCredentialsOrQueriesAreAccepted() {
		EndpointPolicy policy = new EndpointPolicy(Set.of("triton"));
		for (String endpoint : new String[] { "ftp://triton/v2/models/m", "https://triton/v1/models/m:predict",
				"https://triton/v2/models/m/infer", "https://user:pw@triton/v2/models/m",
				"https://triton/v2/models/m?x=1", "https://triton/v2/models/../../admin", "file:///etc/passwd",
				"https:///v2/models/m" }) {
			assertThatIllegalArgumentException().as(endpoint).isThrownBy(() -> policy.check(endpoint));
		}
	}

	@Test
	void addressClassesAreNamed() throws UnknownHostException {
		assertThat(EndpointPolicy.nonPublic(InetAddress.getByName("169.254.169.254"))).contains("cloud metadata");
		assertThat(EndpointPolicy.nonPublic(InetAddress.getByName("::ffff:10.0.0.1"))).isEqualTo("a private address");
		assertThat(EndpointPolicy.nonPublic(InetAddress.getByName("1.1.1.1"))).isNull();
	}

}
