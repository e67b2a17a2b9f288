package dev.tango.api.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierOpenException;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.remote.EndpointPolicy;
import dev.tango.runtime.remote.RemoteOipKind;
import dev.tango.runtime.remote.RemoteSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The {@code remote-oip} tier against a real Tango: the service serves the large tier of
 * the sentiment cascade alone over the Open Inference Protocol v2, and a cascade whose
 * last tier is that remote gives the same answers as the local cascade. Failures a real
 * server gives on cue (no such model, a tensor of the wrong datatype, a deadline too
 * short to answer) are refused with what went wrong.
 */
class RemoteTierIT extends ServiceIT {

	private final CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(),
			TierKinds.installed().with(new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")), RemoteSecrets.NONE)));

	@Test
	void aCascadeWhoseLastTierIsRemoteAnswersAsTheLocalOneOnSst2Dev() throws Exception {
		String endpoint = serveTheLargeTierAlone(this, "http");
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		LabelledDataset dev = SentimentCascadeFixture.sst2("dev.tsv").slice(0, 200);
		List<TextInput> inputs = dev.examples().stream().map(LabelledExample::input).toList();
		List<Prediction> expected;
		try (LoadedCascade cascade = this.loader.load(local)) {
			expected = new Cascade(cascade.stages()).classify(inputs, true).predictions();
		}
		List<Prediction> actual;
		try (LoadedCascade cascade = this.loader.load(remoteDescriptor(local, endpoint, ""))) {
			assertThat(cascade.tiers().get(1).tier().name()).startsWith("remote+sst2-large-");
			actual = new Cascade(cascade.stages()).classify(inputs, true).predictions();
		}

		int remote = 0;
		for (int i = 0; i < inputs.size(); i++) {
			assertThat(actual.get(i).label()).as("input %d", i).isEqualTo(expected.get(i).label());
			assertThat(actual.get(i).tier()).as("input %d", i).isEqualTo(expected.get(i).tier());
			assertThat(actual.get(i).confidence()).as("input %d", i)
				.isCloseTo(expected.get(i).confidence(), within(1e-4));
			remote += (actual.get(i).tier() == 1) ? 1 : 0;
		}
		System.out.printf("SST-2 dev[0,200) with the last tier remote: %d of 200 answered by the remote tier%n",
				remote);
		assertThat(remote).as("unsure inputs reach the remote tier").isPositive();
	}

	@Test
	void aRealServersRefusalsAreReportedWithWhatWentWrong() throws Exception {
		String endpoint = serveTheLargeTierAlone(this, "http");
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		assertThatExceptionOfType(TierOpenException.class)
			.isThrownBy(() -> this.loader.load(remoteDescriptor(local, endpoint + "-missing", "")))
			.withMessageContaining("answered HTTP 404");
		List<TextInput> inputs = List.of(TextInput.of(ClassifyIT.POSITIVE.get(0)),
				TextInput.of(ClassifyIT.NEGATIVE.get(0)));
		try (LoadedCascade cascade = this.loader
			.load(remoteDescriptor(local, endpoint, ", \"output\": \"label\", \"labels\": \"0,1\""))) {
			Tier tier = cascade.tiers().get(1).tier();
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(inputs, Duration.ofSeconds(30)))
				.withMessageContaining("answered a malformed inference response")
				.satisfies((ex) -> assertThat(ex.getCause())
					.hasMessageContaining("output 'label' has datatype 'BYTES'; a floating-point one"));
		}
		try (LoadedCascade cascade = this.loader.load(remoteDescriptor(local, endpoint, ""))) {
			Tier tier = cascade.tiers().get(1).tier();
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(inputs, Duration.ofNanos(1)))
				.withMessageContaining("got no answer within 0 ms");
			assertThat(tier.classify(inputs, Duration.ofSeconds(30))).hasSize(2);
		}
	}

	/**
	 * Registers and activates a cascade of the sentiment cascade's last model alone, and
	 * waits until it serves.
	 * @param service the running service
	 * @param scheme the scheme the service is served with
	 * @return its OIP endpoint
	 */
	static String serveTheLargeTierAlone(ServiceIT service, String scheme) {
		CascadeVersion sentiment = service.active().version();
		ModelVersion large = sentiment.tiers().get(sentiment.tiers().size() - 1).model();
		String name = "sst2-large-" + System.nanoTime();
		CascadeVersion version = service.registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(large.key(), null, 32, 2)), "the large tier alone", "remote-tier-test"));
		service.registry.activate(ActivationRequest.of(name, version.version(), "remote-tier-test", "remote tier"));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> service.server.status(name).map((status) -> status.serving()).orElse(false));
		return scheme + "://127.0.0.1:" + service.port + "/v2/models/" + name;
	}

	/**
	 * Writes a descriptor of the local cascade's first tier followed by the remote tier.
	 */
	static Path remoteDescriptor(Path local, String endpoint, String options) throws IOException {
		Path head = local.resolveSibling("all-minilm-l6-v2-q.json");
		return Files.writeString(Files.createTempFile(local.getParent(), "remote", ".json"), """
				{"format": "tango-cascade", "version": 1, "name": "sst2-remote",
				 "tiers": [
				   {"kind": "encoder-linear", "head": "%s", "batchSize": 32, "threshold": %s},
				   {"kind": "remote-oip", "model": "%s", "batchSize": 32%s}
				 ]}
				""".formatted(head, SentimentCascadeFixture.THRESHOLD, endpoint, options));
	}

}
