package dev.tango.models.artifact;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.models.artifact.ArtifactException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile and valid artifact URIs, each refused with its own reason or accepted.
 */
class ArtifactUriValidatorTest {

	@TempDir
	static Path temp;

	static Path root;

	static Path outside;

	static ArtifactUriValidator validator;

	static final Map<String, String> DNS = Map.of("artifacts.example", "93.184.216.34", "private.example", "10.1.2.3",
			"metadata.example", "169.254.169.254", "v6.example", "fd12:3456::1");

	@BeforeAll
	static void files() throws IOException {
		root = Files.createDirectories(temp.resolve("models"));
		outside = Files.createDirectories(temp.resolve("secrets"));
		Files.writeString(root.resolve("model.onnx"), "model");
		Files.writeString(outside.resolve("key"), "secret");
		Files.createSymbolicLink(root.resolve("escape"), outside);
		Files.createSymbolicLink(root.resolve("key-link"), outside.resolve("key"));
		Files.createDirectories(root.resolve("sub"));
		HostResolver resolver = (host) -> {
			String address = DNS.get(host);
			if (address == null) {
				throw new UnknownHostException(host);
			}
			return List.of(InetAddress.getByName(address));
		};
		validator = new ArtifactUriValidator(List.of(root),
				List.copyOf(DNS.keySet()) /* all but unknown */, resolver, AddressPolicy.PUBLIC_ONLY);
	}

	static Stream<Arguments> hostileUris() {
		String base = "file://" + root;
		return Stream.of(Arguments.of("file:///etc/passwd", Reason.OUTSIDE_ALLOWED_ROOTS),
				Arguments.of(base + "/../secrets/key", Reason.TRAVERSAL),
				Arguments.of(base + "/sub/../../secrets/key", Reason.TRAVERSAL),
				Arguments.of(base + "/%2e%2e%2fsecrets/key", Reason.TRAVERSAL),
				Arguments.of(base + "/%2E%2E/secrets/key", Reason.TRAVERSAL),
				Arguments.of(base + "/%252e%252e/secrets/key", Reason.TRAVERSAL),
				Arguments.of(base + "/..\\secrets\\key", Reason.TRAVERSAL),
				Arguments.of(base + "/sub%5c..%5ckey", Reason.TRAVERSAL),
				Arguments.of(base + "/escape/key", Reason.OUTSIDE_ALLOWED_ROOTS),
				Arguments.of(base + "/key-link", Reason.OUTSIDE_ALLOWED_ROOTS),
				Arguments.of(base + "/missing.onnx", Reason.NOT_FOUND), Arguments.of(base + "/sub", Reason.NOT_FOUND),
				Arguments.of("file://fileserver/share/model.onnx", Reason.MALFORMED),
				Arguments.of("file:relative/model.onnx", Reason.MALFORMED),
				Arguments.of("http://169.254.169.254/", Reason.METADATA_ADDRESS),
				Arguments.of("https://169.254.169.254/latest/meta-data/", Reason.METADATA_ADDRESS),
				Arguments.of("http://127.0.0.1:8080/actuator", Reason.LOOPBACK_ADDRESS),
				Arguments.of("http://[::1]/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("http://0x7f000001/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("http://2130706433/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("http://017700000001/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("http://127.1/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("https://0x7f.0.0.1/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("https://[::ffff:127.0.0.1]/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("https://[::ffff:a9fe:a9fe]/", Reason.METADATA_ADDRESS),
				Arguments.of("https://[fd00:ec2::254]/", Reason.METADATA_ADDRESS),
				Arguments.of("https://[64:ff9b::a9fe:a9fe]/", Reason.METADATA_ADDRESS),
				Arguments.of("https://[2002:7f00:1::]/", Reason.LOOPBACK_ADDRESS),
				Arguments.of("https://169.254.1.1/", Reason.LINK_LOCAL_ADDRESS),
				Arguments.of("https://[fe80::1]/", Reason.LINK_LOCAL_ADDRESS),
				Arguments.of("https://10.0.0.1/", Reason.PRIVATE_ADDRESS),
				Arguments.of("https://172.16.5.4/", Reason.PRIVATE_ADDRESS),
				Arguments.of("https://192.168.1.1/", Reason.PRIVATE_ADDRESS),
				Arguments.of("https://100.64.0.1/", Reason.PRIVATE_ADDRESS),
				Arguments.of("https://[fd12:3456::1]/", Reason.UNIQUE_LOCAL_ADDRESS),
				Arguments.of("https://224.0.0.1/", Reason.MULTICAST_ADDRESS),
				Arguments.of("https://[ff02::1]/", Reason.MULTICAST_ADDRESS),
				Arguments.of("https://255.255.255.255/", Reason.MULTICAST_ADDRESS),
				Arguments.of("https://0.0.0.0/", Reason.UNSPECIFIED_ADDRESS),
				Arguments.of("https://[::]/", Reason.UNSPECIFIED_ADDRESS),
				Arguments.of("https://240.0.0.1/", Reason.RESERVED_ADDRESS),
				Arguments.of("https://134744072/", Reason.NON_CANONICAL_HOST),
				Arguments.of("https://8.8.8.8/", Reason.HOST_NOT_ALLOWED),
				Arguments.of("https://private.example/model.onnx", Reason.PRIVATE_ADDRESS),
				Arguments.of("https://metadata.example/model.onnx", Reason.METADATA_ADDRESS),
				Arguments.of("https://v6.example/model.onnx", Reason.UNIQUE_LOCAL_ADDRESS),
				Arguments.of("https://unknown.example/model.onnx", Reason.HOST_NOT_ALLOWED),
				Arguments.of("https://artifacts.example.evil.test/model.onnx", Reason.HOST_NOT_ALLOWED),
				Arguments.of("http://artifacts.example/model.onnx", Reason.INSECURE_SCHEME),
				Arguments.of("https://user:pass@artifacts.example/model.onnx", Reason.MALFORMED),
				Arguments.of("https://artifacts.example@10.0.0.1/model.onnx", Reason.MALFORMED),
				Arguments.of("https://artifacts.example/models/../admin", Reason.TRAVERSAL),
				Arguments.of("https://artifacts.example/models/%2e%2e/admin", Reason.TRAVERSAL),
				Arguments.of("https://artifacts.example:99999/m", Reason.MALFORMED),
				Arguments.of("https://artifacts.example/m#fragment", Reason.MALFORMED),
				Arguments.of("ftp://artifacts.example/model.onnx", Reason.UNKNOWN_SCHEME),
				Arguments.of("jar:file:/tmp/x.jar!/model.onnx", Reason.UNKNOWN_SCHEME),
				Arguments.of("gopher://artifacts.example/", Reason.UNKNOWN_SCHEME),
				Arguments.of("data:text/plain;base64,aGk=", Reason.UNKNOWN_SCHEME),
				Arguments.of("s3://bucket/model.onnx", Reason.UNKNOWN_SCHEME),
				Arguments.of("classpath:../secrets/key", Reason.TRAVERSAL),
				Arguments.of("classpath:models/%2e%2e/key", Reason.TRAVERSAL),
				Arguments.of("classpath:models//x", Reason.MALFORMED), Arguments.of("model.onnx", Reason.MALFORMED),
				Arguments.of("", Reason.MALFORMED), Arguments.of("https://artifacts.example/a b", Reason.MALFORMED),
				Arguments.of("https://artifacts.example/%00", Reason.MALFORMED));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("hostileUris")
	void refusesHostileUris(String uri, Reason reason) {
		assertThatExceptionOfType(ArtifactException.class).isThrownBy(() -> validator.validate(uri))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason))
			.satisfies((ex) -> assertThat(ex.uri()).isEqualTo(uri));
	}

	@Test
	void acceptsFilesInsideAllowedRoots() throws IOException {
		ArtifactLocation location = validator.validate("file://" + root + "/model.onnx");
		assertThat(location).isInstanceOf(ArtifactLocation.File.class);
		assertThat(((ArtifactLocation.File) location).path()).isEqualTo(root.resolve("model.onnx").toRealPath());
		assertThat(validator.validate("file:" + root + "/model.onnx")).isInstanceOf(ArtifactLocation.File.class);
	}

	@Test
	void acceptsAllowedHostsOnPublicAddresses() {
		ArtifactLocation location = validator.validate("https://Artifacts.Example./models/m.onnx?v=2");
		assertThat(location).isInstanceOfSatisfying(ArtifactLocation.Https.class, (https) -> {
			assertThat(https.host()).isEqualTo("artifacts.example");
			assertThat(https.port()).isEqualTo(443);
			assertThat(https.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
			assertThat(https.requestTarget()).isEqualTo("/models/m.onnx?v=2");
		});
		assertThat(validator.validate("https://artifacts.example:8443/m"))
			.isInstanceOfSatisfying(ArtifactLocation.Https.class, (https) -> assertThat(https.port()).isEqualTo(8443));
	}

	@Test
	void acceptsClasspathResources() {
		assertThat(validator.validate("classpath:/tango/models/minilm/model.onnx"))
			.isEqualTo(new ArtifactLocation.Classpath("classpath:/tango/models/minilm/model.onnx",
					"tango/models/minilm/model.onnx"));
	}

	@Test
	void checksumsAre64HexadecimalDigits() {
		assertThat(ArtifactUriValidator.checkSha256("classpath:x", "AB".repeat(32))).isEqualTo("ab".repeat(32));
		for (String bad : new String[] { "", "abc", "g".repeat(64), "a".repeat(65) }) {
			assertThatExceptionOfType(ArtifactException.class)
				.isThrownBy(() -> ArtifactUriValidator.checkSha256("classpath:x", bad))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_CHECKSUM));
		}
	}

	@Test
	void theDefaultPolicyAcceptsPublicAddressesOnly() throws UnknownHostException {
		assertThat(AddressPolicy.PUBLIC_ONLY.check("h", InetAddress.getByName("93.184.216.34"))).isNull();
		assertThat(AddressPolicy.PUBLIC_ONLY.check("h", InetAddress.getByName("2606:2800:220:1::1"))).isNull();
		assertThat(AddressPolicy.PUBLIC_ONLY.check("h", InetAddress.getByName("172.32.0.1"))).isNull();
		assertThat(AddressPolicy.PUBLIC_ONLY.check("h", InetAddress.getByName("172.31.255.255")))
			.isEqualTo(Reason.PRIVATE_ADDRESS);
		assertThat(AddressPolicy.PUBLIC_ONLY.check("h", InetAddress.getByName("100.100.100.200")))
			.isEqualTo(Reason.METADATA_ADDRESS);
	}

}
