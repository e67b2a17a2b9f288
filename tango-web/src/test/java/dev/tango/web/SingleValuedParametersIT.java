package dev.tango.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link dev.tango.web.params.SingleValuedParameters}: single-valued parameters given
 * more than once are refused over real HTTP, whether named by the annotation or by the
 * method's parameter, optional or not, while a repeatable parameter takes all its values.
 */
@SpringBootTest(classes = TestService.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.mvc.problemdetails.enabled=true")
class SingleValuedParametersIT {

	@LocalServerPort
	int port;

	@Test
	void refusesASingleValuedParameterGivenTwiceAndTakesEveryValueOfARepeatableOne() {
		assertThat(get("/params?limit=5&from=x&tag=a&tag=b").getBody()).isEqualTo("5 x [a, b]");
		assertRefused("/params?limit=5&limit=6", "Give the parameter 'limit' once, not 2 times");
		assertRefused("/params?limit=5&from=x&from=y&from=z", "Give the parameter 'from' once, not 3 times");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/upload", "/upload-part" })
	void refusesASingleFilePartGivenTwice(String path) {
		assertThat(upload(path, 1).getBody()).isEqualTo("read 4");
		ResponseEntity<String> twice = upload(path, 2);
		assertThat(twice.getStatusCode().value()).as(twice.getBody()).isEqualTo(400);
		assertThat(twice.getBody()).contains("Give the parameter 'file' once, not 2 times");
	}

	private ResponseEntity<String> upload(String path, int parts) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < parts; i++) {
			form.add("file", new ByteArrayResource("rows".getBytes(StandardCharsets.UTF_8)) {

				@Override
				public String getFilename() {
					return "rows.tsv";
				}

			});
		}
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri(path)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	private void assertRefused(String path, String detail) {
		ResponseEntity<String> response = get(path);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
		assertThat(response.getBody()).contains(detail);
	}

	private ResponseEntity<String> get(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

}
