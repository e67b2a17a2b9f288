package dev.tango.api.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierOpenException;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code remote-oip} tier over mutual TLS against a real Tango: the service is served
 * over {@code https} with a certificate made by keytool for this test (a PKCS12 SSL
 * bundle) and requires a client certificate; remote tiers use the application's own
 * wiring, TLS required, with a PEM SSL bundle holding the client key and the server's
 * certificate. The cascade whose last tier is that remote answers as the local one;
 * trusting another certificate fails the tier at once; plain http is refused when a model
 * is registered and when a cascade loads.
 */
@TestPropertySource(properties = { "server.ssl.bundle=tango-server", "server.ssl.client-auth=need",
		"tango.runtime.remote.internal-hosts=127.0.0.1", "tango.runtime.remote.require-tls=true" })
class RemoteTierTlsIT extends ServiceIT {

	private static final TestCertificates CERTIFICATES = certificates();

	@Autowired
	TierKinds kinds;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		String server = "spring.ssl.bundle.jks.tango-server.";
		registry.add(server + "keystore.location", () -> "file:" + CERTIFICATES.store("server"));
		registry.add(server + "keystore.password", () -> TestCertificates.PASSWORD);
		registry.add(server + "keystore.type", () -> "PKCS12");
		registry.add(server + "truststore.location", () -> "file:" + CERTIFICATES.trustStore("client"));
		registry.add(server + "truststore.password", () -> TestCertificates.PASSWORD);
		registry.add(server + "truststore.type", () -> "PKCS12");
		for (String trusted : List.of("server", "stranger")) {
			String client = "spring.ssl.bundle.pem.trusting-" + trusted + ".";
			registry.add(client + "keystore.certificate", () -> "file:" + CERTIFICATES.certificate("client"));
			registry.add(client + "keystore.private-key", () -> "file:" + CERTIFICATES.privateKey("client"));
			registry.add(client + "truststore.certificate", () -> "file:" + CERTIFICATES.certificate(trusted));
		}
	}

	@Test
	void aCascadeWhoseLastTierIsRemoteOverMutualTlsAnswersAsTheLocalOne() throws Exception {
		String endpoint = RemoteTierIT.serveTheLargeTierAlone(this, "https");
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		List<TextInput> inputs = SentimentCascadeFixture.sst2("dev.tsv")
			.slice(0, 100)
			.examples()
			.stream()
			.map(LabelledExample::input)
			.toList();
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), this.kinds);
		List<Prediction> expected;
		try (LoadedCascade cascade = loader.load(local)) {
			expected = new Cascade(cascade.stages()).classify(inputs, false).predictions();
		}
		try (LoadedCascade cascade = loader
			.load(RemoteTierIT.remoteDescriptor(local, endpoint, ", \"tlsBundle\": \"trusting-server\""))) {
			List<Prediction> actual = new Cascade(cascade.stages()).classify(inputs, false).predictions();
			for (int i = 0; i < inputs.size(); i++) {
				assertThat(actual.get(i).label()).as("input %d", i).isEqualTo(expected.get(i).label());
				assertThat(actual.get(i).tier()).as("input %d", i).isEqualTo(expected.get(i).tier());
				assertThat(actual.get(i).confidence()).as("input %d", i)
					.isCloseTo(expected.get(i).confidence(), within(1e-4));
			}
			assertThat(actual).as("unsure inputs reach the remote tier").anyMatch((p) -> p.tier() == 1);
		}
	}

	@Test
	void trustingAnotherCertificateFailsTheRemoteTierAtOnce() throws Exception {
		String endpoint = RemoteTierIT.serveTheLargeTierAlone(this, "https");
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), this.kinds);
		try (LoadedCascade cascade = loader.load(RemoteTierIT.remoteDescriptor(local, endpoint,
				", \"tlsBundle\": \"trusting-stranger\", \"labels\": \"0,1\""))) {
			Tier tier = cascade.tiers().get(1).tier();
			long start = System.nanoTime();
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(List.of(TextInput.of("a fine film")), Duration.ofSeconds(30)))
				.withMessageContaining("failed its TLS handshake");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void plainHttpIsRefusedWhenRegisteredAndWhenLoadedAsTlsIsRequired() throws Exception {
		String plain = "http://127.0.0.1:" + this.port + "/v2/models/" + SentimentCascadeFixture.NAME;
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.registry.registerModelVersion(new NewModelVersion("plain-remote", "remote-oip",
					Map.of(ArtifactRole.MODEL, new ArtifactRef(plain, null)),
					List.of(new Label("0", "negative"), new Label("1", "positive")), 512, null, Map.of(), null,
					"remote-tls-test")))
			.withMessageContaining("tango.runtime.remote.require-tls is on");
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), this.kinds);
		assertThatExceptionOfType(TierOpenException.class)
			.isThrownBy(() -> loader.load(RemoteTierIT.remoteDescriptor(local, plain, ", \"labels\": \"0,1\"")))
			.withStackTraceContaining("tango.runtime.remote.require-tls is on");
	}

	private static TestCertificates certificates() {
		try {
			return TestCertificates.create(Files.createTempDirectory("tango-tls"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
