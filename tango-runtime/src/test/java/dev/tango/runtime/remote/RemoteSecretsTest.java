package dev.tango.runtime.remote;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A secret goes only to the hosts it is declared for, compared as the endpoint policy
 * compares hosts (case, IPv6 brackets); any other name, however set, goes nowhere.
 */
class RemoteSecretsTest {

	private final RemoteSecrets secrets = RemoteSecrets.declared(
			Map.of("TRITON_TOKEN", Set.of("Triton.Internal", "[fd00::7]"), "UNSET", Set.of("triton.internal")),
			Map.of("TRITON_TOKEN", "Bearer t", "SPRING_DATASOURCE_PASSWORD", "hunter2")::get);

	@Test
	void aDeclaredSecretGoesToItsHostsWhateverTheirSpelling() {
		assertThat(this.secrets.value("TRITON_TOKEN", URI.create("https://triton.internal:8443/v2/models/m")))
			.isEqualTo("Bearer t");
		assertThat(this.secrets.value("TRITON_TOKEN", URI.create("http://[FD00::7]:8000/v2/models/m")))
			.isEqualTo("Bearer t");
	}

	@Test
	void anythingElseIsRefusedWithTheReason() {
		URI triton = URI.create("https://triton.internal/v2/models/m");
		assertThatIllegalArgumentException().isThrownBy(() -> this.secrets.value("SPRING_DATASOURCE_PASSWORD", triton))
			.withMessageContaining("is not declared");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.secrets.value("TRITON_TOKEN", URI.create("https://elsewhere.example/v2/models/m")))
			.withMessageContaining("may not be sent to elsewhere.example");
		assertThatIllegalArgumentException().isThrownBy(() -> this.secrets.value("UNSET", triton))
			.withMessageContaining("is not set");
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteSecrets.NONE.value("TRITON_TOKEN", triton))
			.withMessageContaining("is not declared");
	}

}
