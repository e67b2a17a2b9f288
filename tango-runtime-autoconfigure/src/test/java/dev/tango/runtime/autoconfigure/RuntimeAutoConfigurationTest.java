package dev.tango.runtime.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.lexical.LexicalLinearKind;
import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RuntimeAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RuntimeAutoConfiguration.class));

	@Test
	void bindsTheRuntimeSettingsAndFindsTheInstalledKinds() {
		this.runner
			.withPropertyValues("tango.runtime.intra-op-threads=2", "tango.runtime.graph-optimization=all",
					"tango.runtime.activation-quantization=per-token")
			.run((context) -> {
				assertThat(context.getBean(RuntimeProperties.class).ortOptions())
					.isEqualTo(new OrtOptions(2, 1, GraphOptimization.ALL, true, OrtOptions.defaults().concurrency(),
							ActivationQuantization.PER_TOKEN));
				assertThat(context.getBean(TierKinds.class).names()).containsExactly("encoder-linear", "lexical-linear",
						"onnx-classifier", "remote-oip");
			});
	}

	@Test
	void theRemoteKindCallsTheListedInternalHostsAndReadsTheDeclaredSecretsFromTheEnvironment() {
		this.runner.withPropertyValues("tango.runtime.remote.internal-hosts=triton.internal,10.0.0.7",
				"tango.runtime.remote.secrets[0].name=TRITON_TOKEN",
				"tango.runtime.remote.secrets[0].hosts=10.0.0.7,triton.internal",
				"tango.runtime.remote.secrets[1].name=OTHER_TOKEN", "tango.runtime.remote.secrets[1].hosts=10.0.0.7",
				"TRITON_TOKEN=Bearer from-the-environment", "spring.datasource.password=hunter2")
			.run((context) -> {
				TierKind kind = context.getBean(TierKinds.class).get("remote-oip");
				TierSpec spec = new TierSpec("remote-oip", null,
						Map.of("model", TierArtifact.of("http://10.0.0.7:8000/v2/models/large")),
						Label.of(List.of("neg", "pos")), Map.of("authEnv", "TRITON_TOKEN"), OrtOptions.defaults(), null,
						StageSettings.answering(1), Duration.ZERO);
				try (Tier tier = kind.open(spec, DefaultArtifactSource.create())) {
					assertThat(tier.labels()).containsExactly("neg", "pos");
				}
				TierSpec elsewhere = spec.withArtifactUris((uri) -> "http://10.0.0.8:8000/v2/models/large");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> kind.open(elsewhere, DefaultArtifactSource.create()))
					.withMessageContaining(
							"plain http, allowed only to hosts listed in tango.runtime.remote.internal-hosts");
				kind.checkAddress("model", "http://10.0.0.7:8000/v2/models/large");
				assertThatIllegalArgumentException()
					.as("registration refuses what opening refuses, by the same setting")
					.isThrownBy(() -> kind.checkAddress("model", "http://10.0.0.8:8000/v2/models/large"))
					.withMessageContaining("list the host 10.0.0.8");
				TierSpec noSecret = new TierSpec("remote-oip", null, spec.artifacts(), spec.labels(),
						Map.of("authEnv", "OTHER_TOKEN"), OrtOptions.defaults(), null, StageSettings.answering(1),
						Duration.ZERO);
				assertThatIllegalArgumentException()
					.isThrownBy(() -> kind.open(noSecret, DefaultArtifactSource.create()))
					.withMessageContaining("Secret 'OTHER_TOKEN' (option authEnv) is not set");
				TierSpec setting = new TierSpec("remote-oip", null, spec.artifacts(), spec.labels(),
						Map.of("authEnv", "spring.datasource.password"), OrtOptions.defaults(), null,
						StageSettings.answering(1), Duration.ZERO);
				assertThatIllegalArgumentException().as("a setting no secret declares is never sent")
					.isThrownBy(() -> kind.open(setting, DefaultArtifactSource.create()))
					.withMessageContaining("Secret 'spring.datasource.password' (option authEnv) is not declared");
			});
	}

	@Test
	void environmentVariablesAsTheHelmChartSetsThemRequireTlsAndDefineTheTlsBundles(@TempDir Path dir)
			throws IOException {
		TestCertificates certificates = TestCertificates.create(dir);
		Map<String, Object> variables = new HashMap<>(Map.of("TANGO_RUNTIME_REMOTE_INTERNAL_HOSTS", "triton.internal",
				"TANGO_RUNTIME_REMOTE_REQUIRE_TLS", "true", "SPRING_SSL_BUNDLE_PEM_TRITON_TRUSTSTORE_CERTIFICATE",
				"file:" + certificates.certificate("server"), "SPRING_SSL_BUNDLE_PEM_TRITON_KEYSTORE_CERTIFICATE",
				"file:" + certificates.certificate("client"), "SPRING_SSL_BUNDLE_PEM_TRITON_KEYSTORE_PRIVATE_KEY",
				"file:" + certificates.privateKey("client"), "SPRING_SSL_BUNDLE_JKS_KSERVE_TRUSTSTORE_LOCATION",
				"file:" + certificates.trustStore("server"), "SPRING_SSL_BUNDLE_JKS_KSERVE_TRUSTSTORE_TYPE", "PKCS12",
				"SPRING_SSL_BUNDLE_JKS_KSERVE_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD));
		variables.putAll(
				Map.of("TANGO_RUNTIME_REMOTE_SECRETS_0_NAME", "TRITON_TOKEN", "TANGO_RUNTIME_REMOTE_SECRETS_0_HOSTS",
						"triton.internal,triton.backup", "TRITON_TOKEN", "Bearer from-a-secret"));
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("chart-systemEnvironment", variables)))
			.run((context) -> {
				TierKind kind = context.getBean(TierKinds.class).get("remote-oip");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> kind.checkAddress("model", "http://triton.internal:8000/v2/models/large"))
					.withMessageContaining("tango.runtime.remote.require-tls is on");
				assertThat(context.getBean(RemoteTierProperties.class).secrets()).containsExactly(
						new RemoteTierProperties.Secret("TRITON_TOKEN", List.of("triton.internal", "triton.backup")));
				assertThat(context.getBean(RemoteTierProperties.class)
					.remoteSecrets(context.getEnvironment()::getProperty)
					.value("TRITON_TOKEN", URI.create("https://triton.backup:8443/v2/models/large")))
					.isEqualTo("Bearer from-a-secret");
				for (String bundle : List.of("triton", "kserve")) {
					TierSpec spec = new TierSpec("remote-oip", null,
							Map.of("model", TierArtifact.of("https://triton.internal:8443/v2/models/large")),
							Label.of(List.of("neg", "pos")), Map.of("tlsBundle", bundle), OrtOptions.defaults(), null,
							StageSettings.answering(1), Duration.ZERO);
					try (Tier tier = kind.open(spec, DefaultArtifactSource.create())) {
						assertThat(tier.labels()).as(bundle).containsExactly("neg", "pos");
					}
				}
				TierSpec absent = new TierSpec("remote-oip", null,
						Map.of("model", TierArtifact.of("https://triton.internal:8443/v2/models/large")),
						Label.of(List.of("neg", "pos")), Map.of("tlsBundle", "absent"), OrtOptions.defaults(), null,
						StageSettings.answering(1), Duration.ZERO);
				assertThatIllegalArgumentException().isThrownBy(() -> kind.open(absent, DefaultArtifactSource.create()))
					.withMessageContaining(
							"No TLS bundle 'absent' (option tlsBundle): define spring.ssl.bundle.pem.absent");
			});
	}

	@Test
	void refusesSettingsOutOfRange() {
		this.runner.withPropertyValues("tango.runtime.intra-op-threads=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void anApplicationsOwnKindsReplaceTheInstalledOnes() {
		this.runner.withBean(TierKinds.class, () -> new TierKinds(List.of(new LexicalLinearKind())))
			.run((context) -> assertThat(context.getBean(TierKinds.class).names()).containsExactly("lexical-linear"));
	}

}
