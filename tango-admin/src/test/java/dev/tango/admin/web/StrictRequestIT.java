package dev.tango.admin.web;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;

import static dev.tango.admin.testing.Problems.assertProblem;

/**
 * Requests the service cannot read correctly are refused with a 4xx problem, over real
 * HTTP: wildcard content types, duplicate JSON keys, malformed UTF-8, undecodable
 * parameters and multipart bodies. Each of these was answered 500 or silently misread.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class StrictRequestIT extends SignedInClientTests {

	@Test
	void wildcardContentTypesAre415() {
		for (String type : new String[] { "application/*", "*/*", "text/*; charset=utf-8" }) {
			HttpResponse<String> response = this.http.post("/api/jobs/evaluate", type,
					utf8("{\"cascade\": \"c\", \"datasetId\": 1}"));
			assertProblem(response, 415, "unsupported-media-type", "pattern");
		}
		assertProblem(this.http.post("/api/jobs/evaluate", "no media type", utf8("{}")), 415, "unsupported-media-type",
				"not a media type");
	}

	@Test
	void duplicateJsonKeysAre400() {
		assertProblem(
				this.http.postJson("/api/jobs/evaluate", "{\"cascade\": \"a\", \"cascade\": \"b\", \"datasetId\": 1}"),
				400, "invalid-request", "Duplicate", "cascade");
		assertProblem(
				this.http.postJson("/api/models/m/versions",
						"{\"kind\": \"lexical-linear\", \"kind\": \"lexical-linear\"}"),
				400, "invalid-request", "Duplicate");
	}

	@Test
	void malformedUtf8InJsonIs400() {
		// C0 AF and E0 80 AF are overlong forms of '/'; ED A0 80 is an encoded surrogate.
		for (String bad : new String[] { "C0AF", "E080AF", "EDA080" }) {
			byte[] body = concat(utf8("{\"cascade\": \"a"), HexFormat.of().parseHex(bad),
					utf8("\", \"datasetId\": 1}"));
			assertProblem(this.http.post("/api/jobs/evaluate", "application/json", body), 400, "invalid-request",
					"UTF-8", "byte offset 14");
		}
	}

	@Test
	void undecodableParametersAre400() {
		assertProblem(this.http.get("/api/jobs?status=%C0%AF"), 400, "invalid-request", "decoded");
		HttpResponse<String> formDelete = this.http.send("DELETE", "/api/datasets/424242",
				"application/x-www-form-urlencoded", utf8("name=%ZZ&x=%C0%AF"));
		assertProblem(formDelete, 404, "not-found", "424242");
	}

	@Test
	void aPathNoEndpointServesIs404NamingTheRequest() {
		assertProblem(this.http.get("/api/jobs/-1"), 404, "not-found", "No endpoint GET /api/jobs/-1");
		assertProblem(this.http.get("/api/cascades/"), 404, "not-found", "paths take no trailing slash");
	}

	@Test
	void aNulCharacterTheDatabaseCannotStoreIs400() {
		assertProblem(this.http.postJson("/api/jobs/cancellations?createdBy=a%00b", "{}"), 400, "invalid-request",
				"NUL");
		assertProblem(this.http.postJson("/api/jobs/evaluate", "{\"cascade\": \"a\\u0000b\", \"datasetId\": 1}"), 400,
				"invalid-request", "NUL");
		assertProblem(this.http.postJson("/api/jobs?kind=CALIBRATE", "{\"cascade\": \"\\u0000\", \"datasetId\": 1}"),
				400, "invalid-request", "NUL");
	}

	@Test
	void parameterNamesTheFirewallRefusesAre400() {
		assertProblem(this.http.post("/api/datasets", "application/x-www-form-urlencoded",
				utf8("--b%0D%0AContent-Disposition: form-data; name=x")), 400, "invalid-request", "refused");
	}

	@Test
	void unreadableMultipartBodiesAre400() {
		assertProblem(this.http.post("/api/datasets", "multipart/form-data", utf8("no boundary")), 400,
				"invalid-request", "multipart");
		assertProblem(this.http.post("/api/datasets", "multipart/form-data; boundary=b", utf8("--b\r\ntruncated")), 400,
				"invalid-request", "multipart");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
