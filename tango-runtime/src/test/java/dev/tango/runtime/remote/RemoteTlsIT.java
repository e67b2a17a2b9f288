package dev.tango.runtime.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Remote tiers over real TLS: an OIP server on the loopback interface that presents a
 * certificate made by keytool for this test and requires a client certificate. A tier
 * whose TLS bundle trusts the server and holds the client key is answered; one without
 * the client key, or trusting another certificate, fails at once with what went wrong
 * (the tier's failure, falling back where configured), never waits. With TLS required,
 * plain http endpoints are refused when registered and when opened, internal or not.
 */
class RemoteTlsIT {

	private static final List<TextInput> TEXTS = List.of(TextInput.of("a good film"), TextInput.of("dull"));

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	@BeforeAll
	static void makeCertificates() throws IOException {
		certificates = TestCertificates.create(dir);
	}

	@Test
	void aTierWithTheClientKeyAndTheServersTrustIsAnsweredOverMutualTls() throws IOException {
		try (FakeOipServer server = mtlsServer()) {
			server.infer = FakeOipServer::sentiment;
			try (Tier tier = kind().open(spec(server.endpoint(), Map.of("tlsBundle", "mtls")),
					DefaultArtifactSource.create())) {
				assertThat(tier.labels()).containsExactly("negative", "positive");
				assertThat(tier.classify(TEXTS, Duration.ofSeconds(5))).hasSize(2);
			}
			assertThat(server.requests).hasSize(1);
		}
	}

	@Test
	void withoutAClientCertificateOrWithTheWrongTrustTheTierFailsAtOnce() throws IOException {
		try (FakeOipServer server = mtlsServer()) {
			server.infer = FakeOipServer::sentiment;
			for (String bundle : List.of("no-client-key", "wrong-trust")) {
				Map<String, String> options = Map.of("tlsBundle", bundle, "labels", "negative,positive", "fallback",
						"previous-tier");
				try (Tier tier = kind().open(spec(server.endpoint(), options), DefaultArtifactSource.create())) {
					long start = System.nanoTime();
					assertThatExceptionOfType(TierUnavailableException.class).as(bundle)
						.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(30)))
						.withMessageContaining("Remote tier 'remote+m' failed: infer call")
						.withMessageNotContaining(server.endpoint())
						.satisfies((ex) -> assertThat(ex.fallBack()).isTrue())
						.satisfies((ex) -> assertThat(ex.getCause()).as("the endpoint, for the log")
							.hasMessageContaining(server.endpoint()));
					assertThat(Duration.ofNanos(System.nanoTime() - start)).as(bundle)
						.isLessThan(Duration.ofSeconds(5));
				}
			}
			assertThat(server.requests).as("no request got past the handshake").isEmpty();
		}
	}

	@Test
	void anUntrustedServerCertificateIsReportedAsAFailedHandshakeAndNotRetried() throws IOException {
		try (FakeOipServer server = mtlsServer()) {
			Map<String, String> options = Map.of("tlsBundle", "wrong-trust", "labels", "negative,positive");
			try (Tier tier = kind().open(spec(server.endpoint(), options), DefaultArtifactSource.create())) {
				assertThatExceptionOfType(TierUnavailableException.class)
					.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(30)))
					.withMessageContaining("failed its TLS handshake");
			}
		}
	}

	@Test
	void requiredTlsRefusesPlainHttpEvenToInternalHostsWhenRegisteredAndWhenOpened() throws IOException {
		RemoteOipKind strict = new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1"), true), RemoteSecrets.NONE,
				CallHeaders.NONE, bundles());
		try (FakeOipServer plain = new FakeOipServer(); FakeOipServer tls = mtlsServer()) {
			tls.infer = FakeOipServer::sentiment;
			assertThatIllegalArgumentException().isThrownBy(() -> strict.checkAddress("model", plain.endpoint()))
				.withMessageContaining("uses plain http, and tango.runtime.remote.require-tls is on");
			String upperCase = plain.endpoint().replace("http://", "HTTP://");
			assertThatIllegalArgumentException().isThrownBy(() -> strict.checkAddress("model", upperCase))
				.withMessageContaining("tango.runtime.remote.require-tls");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.open(spec(plain.endpoint(), Map.of()), DefaultArtifactSource.create()))
				.withMessageContaining("tango.runtime.remote.require-tls");
			strict.checkAddress("model", tls.endpoint());
			try (Tier tier = strict.open(spec(tls.endpoint(), Map.of("tlsBundle", "mtls")),
					DefaultArtifactSource.create())) {
				assertThat(tier.classify(TEXTS, Duration.ofSeconds(5))).hasSize(2);
			}
		}
	}

	@Test
	void aBundleThatIsNotThereOrThatPlainHttpWouldIgnoreIsRefusedAtOpen() throws IOException {
		try (FakeOipServer plain = new FakeOipServer(); FakeOipServer tls = mtlsServer()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> kind().open(spec(tls.endpoint(), Map.of("tlsBundle", "absent")),
						DefaultArtifactSource.create()))
				.withMessageContaining("No TLS bundle 'absent'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> kind().open(spec(plain.endpoint(), Map.of("tlsBundle", "mtls")),
						DefaultArtifactSource.create()))
				.withMessageContaining("its tlsBundle 'mtls' would not be used");
		}
	}

	private static FakeOipServer mtlsServer() throws IOException {
		return new FakeOipServer(certificates.context("server", "client"));
	}

	private static RemoteOipKind kind() {
		return new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")), RemoteSecrets.NONE, CallHeaders.NONE,
				bundles());
	}

	private static TlsBundles bundles() {
		return (name) -> switch (name) {
			case "mtls" -> certificates.context("client", "server");
			case "no-client-key" -> certificates.context(null, "server");
			case "wrong-trust" -> certificates.context("client", "stranger");
			default -> TlsBundles.NONE.context(name);
		};
	}

	private static TierSpec spec(String endpoint, Map<String, String> options) {
		return new TierSpec("remote-oip", null, Map.of("model", TierArtifact.of(endpoint)), List.of(),
				new HashMap<>(options), OrtOptions.defaults(), null, StageSettings.answering(1), Duration.ZERO);
	}

}
