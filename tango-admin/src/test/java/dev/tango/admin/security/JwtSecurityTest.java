package dev.tango.admin.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production set-up: an OAuth2 resource server validating JWTs signed by an identity
 * provider, roles from the {@code roles} claim; configured API tokens are ignored then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:jwt;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"tango.registry.seed=", "tango.admin.jobs.enabled=false" })
class JwtSecurityTest {

	static final KeyPair PROVIDER = keys();

	static final KeyPair IMPOSTOR = keys();

	static final String API_TOKEN = "api-token-7c1e5b3a9d2f4e6a8b0c1d3e5f7a9b1c";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) throws Exception {
		Path key = Files.createTempFile("provider", ".pem");
		Files.writeString(key,
				"-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(PROVIDER.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> key.toUri().toString());
		SecurityTest.token(registry, 0, "ci", API_TOKEN, "ADMIN");
	}

	@Test
	void jwtsWithTheAdminRoleAreServed() throws Exception {
		assertThat(get(jwt(PROVIDER, List.of("ADMIN"), 300))).isEqualTo(200);
	}

	@Test
	void jwtsWithoutTheRoleAre403() throws Exception {
		assertThat(get(jwt(PROVIDER, List.of("VIEWER"), 300))).isEqualTo(403);
		assertThat(get(jwt(PROVIDER, List.of(), 300))).isEqualTo(403);
	}

	@Test
	void forgedExpiredAndApiTokensAre401() throws Exception {
		assertThat(get(jwt(IMPOSTOR, List.of("ADMIN"), 300))).isEqualTo(401);
		assertThat(get(jwt(PROVIDER, List.of("ADMIN"), -300))).isEqualTo(401);
		assertThat(get(API_TOKEN)).isEqualTo(401);
	}

	private int get(String bearer) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/jobs"))
			.header("Authorization", "Bearer " + bearer)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String jwt(KeyPair signer, List<String> roles, long lifetimeSeconds) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("carol")
			.issuer("https://login.example.com")
			.issueTime(Date.from(now.minusSeconds(600)))
			.expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
			.claim("roles", roles)
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		token.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
		return token.serialize();
	}

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
