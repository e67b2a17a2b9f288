package dev.tango.api.serving;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.remote.EndpointPolicy;
import dev.tango.runtime.remote.RemoteOipKind;
import dev.tango.runtime.remote.RemoteSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A cascade's health says whether its remote tiers reach their server.
 */
class RemoteTierHealthTest {

	@Test
	void aRemoteTierWhoseServerIsDownIsReportedUnreachableOnceItsBreakerOpens() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		TierSpec spec = new TierSpec("remote-oip", "large",
				Map.of("model", TierArtifact.of("http://127.0.0.1:" + port + "/v2/models/large")),
				Label.of(List.of("neg", "pos")), Map.of("retries", "0"), OrtOptions.defaults(), null,
				StageSettings.answering(8), Duration.ZERO);
		CascadeStatus status = new CascadeStatus("sst2", CascadeState.SERVING, 1, 1, List.of("small", "large"), null);
		try (Tier tier = new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")), RemoteSecrets.NONE).open(spec,
				DefaultArtifactSource.create())) {
			assertThat(CascadesHealthContributor.health(status, List.of(tier)).getDetails())
				.containsEntry("remoteTiers", Map.of("large", Map.of("reachable", true, "circuitBreaker", "CLOSED")));
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(TierUnavailableException.class)
					.isThrownBy(() -> tier.classify(List.of(TextInput.of("good")), Duration.ofSeconds(5)));
			}
			var health = CascadesHealthContributor.health(status, List.of(tier));
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("remoteTiers",
					Map.of("large", Map.of("reachable", false, "circuitBreaker", "OPEN")));
		}
	}

}
