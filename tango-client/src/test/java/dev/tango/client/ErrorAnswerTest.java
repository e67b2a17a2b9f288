package dev.tango.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tango.client.classify.ClassifyRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Error answers as exceptions, from a real HTTP server on a loopback port: a redirect
 * says where it leads, a success of another status than the call's says so, a body that
 * is not JSON is decoded by its charset, and an exception keeps its problem's members
 * through Java serialization. Problem details and protocol errors are read in
 * {@link RetryTest}.
 */
class ErrorAnswerTest {

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@Test
	void saysWhereARedirectLeads() {
		this.server.then(301, "text/html", "<html>Moved</html>", "Location", "https://tango.example/v2/models/m")
			.then(307, "application/problem+json", "{\"status\": 500, \"title\": \"Not me\"}", "Location",
					"/tango/v2/models/m");
		TangoClient client = TangoClient.builder(this.server.uri()).retry(RetryPolicy.none()).build();

		TangoApiException absolute = catchThrowableOfType(TangoApiException.class, () -> client.modelMetadata("m"));
		TangoApiException relative = catchThrowableOfType(TangoApiException.class, () -> client.modelMetadata("m"));

		assertThat(absolute.status()).isEqualTo(301);
		assertThat(absolute.detail()).hasValueSatisfying(
				(detail) -> assertThat(detail).contains("https://tango.example/v2/models/m", "does not follow"));
		assertThat(relative.status()).isEqualTo(307);
		assertThat(relative.title()).isEmpty();
		assertThat(relative.detail())
			.hasValueSatisfying((detail) -> assertThat(detail).contains(this.server.uri() + "/tango/v2/models/m"));
	}

	@Test
	void saysThatAnUnexpectedSuccessIsNotTheServices() {
		this.server.then(204, "text/plain", "").then(201, "application/json", "{\"id\": 7}");
		TangoClient client = TangoClient.builder(this.server.uri()).retry(RetryPolicy.none()).build();

		TangoApiException noContent = catchThrowableOfType(TangoApiException.class, () -> client.modelMetadata("m"));
		TangoApiException created = catchThrowableOfType(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of("a")));

		assertThat(noContent.status()).isEqualTo(204);
		assertThat(noContent.detail())
			.hasValueSatisfying((detail) -> assertThat(detail).contains("Answered 204", "base URI"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.detail()).hasValueSatisfying((detail) -> assertThat(detail).contains("Answered 201"));
	}

	@Test
	void decodesABodyThatIsNotJsonByItsCharset() {
		this.server.then(502, "text/plain; charset=\"ISO-8859-1\"",
				"Passerelle défaillante".getBytes(StandardCharsets.ISO_8859_1));
		TangoClient client = TangoClient.builder(this.server.uri()).retry(RetryPolicy.none()).build();

		TangoApiException error = catchThrowableOfType(TangoApiException.class, () -> client.modelMetadata("m"));

		assertThat(error.detail()).contains("Passerelle défaillante");
	}

	@Test
	void keepsTheProblemsMembersThroughSerialization() throws IOException, ClassNotFoundException {
		this.server.then(422, "application/problem+json", """
				{"type": "https://tango.dev/problems/token-limit-exceeded", "status": 422,
				 "inputs": [1, 3], "limits": {"tokens": 256}}
				""");
		TangoClient client = TangoClient.builder(this.server.uri()).build();
		TangoApiException error = catchThrowableOfType(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of("a")));

		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(error);
		}
		TangoApiException copy;
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			copy = (TangoApiException) in.readObject();
		}

		assertThat(copy.status()).isEqualTo(422);
		assertThat(copy.isType("token-limit-exceeded")).isTrue();
		assertThat(copy.properties()).containsEntry("inputs", List.of(1, 3));
		assertThat(copy.properties().get("limits")).isEqualTo(Map.of("tokens", 256));
	}

}
