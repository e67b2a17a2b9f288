package dev.tango.admin.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.ExternalDataFile;
import dev.tango.models.registry.ModelKey;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.testsupport.CraftedOnnx;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ONNX models whose weights are external data, end to end on PostgreSQL: registered with
 * their files through the admin API, checked at registration, activated in a cascade and
 * loaded through the registry's loader, where they compute with the declared weights; and
 * the refusals of files that are undeclared, unreferenced, altered or placed outside the
 * model's folder.
 */
@AdminIntegrationTest
@ArtifactRoot("external-data-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ExternalDataRegistrationIT extends SignedInClientTests {

	static final Path ROOT = ArtifactDirectories.root("external-data-it");

	static Path model;

	static Path tokenizer;

	@Autowired
	CascadeVersionLoader loader;

	@BeforeAll
	static void files() throws IOException {
		Path uploads = Files.createDirectories(ROOT.resolve("uploads"));
		model = CraftedOnnx.write(uploads.resolve("classifier.onnx"),
				CraftedOnnx.classifierWithExternalWeights("weights/w.bin"));
		tokenizer = uploads.resolve("tokenizer.json");
		try (InputStream in = Objects.requireNonNull(
				ExternalDataRegistrationIT.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json"))) {
			Files.copy(in, tokenizer, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void aModelRegisteredWithItsExternalWeightsComputesWithThemInAnActiveCascade() throws IOException {
		Path favourFirst = weights("first.bin", 0.5f, -2f);
		Path favourSecond = weights("second.bin", -1f, 3f);
		HttpResponse<String> first = this.http.postJson("/api/models/external/versions",
				classifier(external("weights/w.bin", favourFirst)));
		HttpResponse<String> second = this.http.postJson("/api/models/external/versions",
				classifier(external("weights/w.bin", favourSecond).replace(Sha256.of(favourSecond),
						Sha256.of(favourSecond).toUpperCase(Locale.ROOT))));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		JsonNode declared = AdminHttp.json(this.http.get("/api/models/external/versions/1")).get("externalData");
		assertThat(declared.size()).isEqualTo(1);
		assertThat(declared.get(0).get("path").asString()).isEqualTo("weights/w.bin");
		assertThat(declared.get(0).get("sha256").asString()).isEqualTo(Sha256.of(favourFirst));
		assertThat(this.registry.findModelVersion(new ModelKey("external", 2)).orElseThrow().externalData())
			.singleElement()
			.satisfies((file) -> assertThat(file).isEqualTo(
					new ExternalDataFile("weights/w.bin", favourSecond.toUri().toString(), Sha256.of(favourSecond))));

		float[] firstLogits = activateAndClassify(1);
		float[] secondLogits = activateAndClassify(2);

		// mean(token ids) * w: the ratio of the two logits is the ratio of the weights.
		assertThat(firstLogits[0]).isPositive();
		assertThat(firstLogits[1] / firstLogits[0]).isCloseTo(-4f, within(1e-4f));
		assertThat(secondLogits[1]).isPositive();
		assertThat(secondLogits[1] / secondLogits[0]).isCloseTo(-3f, within(1e-4f));
		assertThat(secondLogits[0]).isCloseTo(-firstLogits[0] * 2, within(1e-2f));
	}

	@Test
	void externalDataThatIsUndeclaredUnreferencedOrAlteredIsRefusedAtRegistration() throws IOException {
		Path weights = weights("refused.bin", 1f, -1f);
		HttpResponse<String> undeclared = this.http.postJson("/api/models/refused-external/versions", classifier(""));
		HttpResponse<String> elsewhere = this.http.postJson("/api/models/refused-external/versions",
				classifier(external("other/w.bin", weights)));
		HttpResponse<String> unreferenced = this.http.postJson("/api/models/refused-external/versions",
				classifier(external("weights/w.bin", weights) + ", " + external("extra.bin", weights)));
		HttpResponse<String> altered = this.http.postJson("/api/models/refused-external/versions",
				classifier(external("weights/w.bin", weights).replace(Sha256.of(weights), "0".repeat(64))));

		assertProblem(undeclared, 422, "invalid-model");
		assertThat(AdminHttp.json(undeclared).get("reason").asString()).isEqualTo("UNDECLARED");
		assertThat(AdminHttp.json(undeclared).get("tensor").asString()).isEqualTo("w");
		assertThat(AdminHttp.json(undeclared).get("detail").asString()).contains("weights/w.bin");
		assertProblem(elsewhere, 422, "invalid-model");
		assertThat(AdminHttp.json(elsewhere).get("reason").asString()).isEqualTo("UNDECLARED");
		assertProblem(unreferenced, 422, "invalid-model");
		assertThat(AdminHttp.json(unreferenced).get("reason").asString()).isEqualTo("UNREFERENCED");
		assertThat(AdminHttp.json(unreferenced).get("detail").asString()).contains("extra.bin");
		assertProblem(altered, 400, "invalid-artifact");
		assertThat(AdminHttp.json(altered).get("reason").asString()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(this.registry.listModelVersions("refused-external")).isEmpty();
	}

	@Test
	void declaredPathsMustStayInsideTheModelsFolderAndBeDeclaredOnce() throws IOException {
		Path weights = weights("paths.bin", 1f, -1f);
		for (String path : List.of("../w.bin", "/etc/passwd", "weights/../../w.bin", "weights\\\\w.bin",
				"./weights/w.bin", "weights//w.bin", "", "model.onnx")) {
			HttpResponse<String> response = this.http.postJson("/api/models/escaping/versions",
					classifier(external(path, weights)));
			assertProblem(response, 400, "invalid-request");
			assertThat(AdminHttp.json(response).get("detail").asString()).as(path).containsIgnoringCase("path");
		}
		assertProblem(
				this.http.postJson("/api/models/escaping/versions",
						classifier(external("weights/w.bin", weights) + ", " + external("weights/w.bin", weights))),
				400, "invalid-request");
		assertProblem(
				this.http.postJson("/api/models/escaping/versions",
						classifier(external("weights/w.bin", weights).replace(Sha256.of(weights), "xyz"))),
				400, "invalid-artifact");
		assertProblem(
				this.http.postJson("/api/models/escaping/versions",
						classifier(external("weights/w.bin", Path.of("pom.xml").toAbsolutePath()))),
				400, "invalid-artifact");
		assertProblem(this.http.postJson("/api/models/escaping/versions", classifier("{\"path\": \"w.bin\"}")), 400,
				"invalid-request");
		assertThat(this.registry.listModelVersions("escaping")).isEmpty();
	}

	private float[] activateAndClassify(int modelVersion) {
		HttpResponse<String> cascade = this.http.postJson("/api/cascades/external-cascade/versions",
				"{\"tiers\": [{\"model\": \"external:" + modelVersion + "\"}]}");
		assertThat(cascade.statusCode()).as(cascade.body()).isEqualTo(201);
		int version = AdminHttp.json(cascade).get("version").asInt();
		HttpResponse<String> activated = this.http.postJson("/api/cascades/external-cascade/activate",
				"{\"version\": " + version + "}");
		assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
		try (LoadedCascadeVersion loaded = this.loader
			.load(this.registry.getActive("external-cascade").orElseThrow().version())) {
			List<Scores> scores = loaded.stages()
				.get(0)
				.tier()
				.classify(List.of(TextInput.of("a film worth seeing twice")));
			return scores.get(0).logits();
		}
	}

	private static Path weights(String name, float... values) throws IOException {
		return Files.write(ROOT.resolve("uploads").resolve(name), CraftedOnnx.floats(values));
	}

	private static String external(String path, Path file) throws IOException {
		return """
				{"path": "%s", "uri": "%s", "sha256": "%s"}""".formatted(path, file.toUri(), Sha256.of(file));
	}

	private static String classifier(String externalData) throws IOException {
		return """
				{"kind": "onnx-classifier", "artifacts": {"model": {"uri": "%s", "sha256": "%s"},
				 "tokenizer": {"uri": "%s", "sha256": "%s"}}, "labels": ["negative", "positive"],
				 "maxInputLength": 128, "externalData": [%s]}""".formatted(model.toUri(), Sha256.of(model),
				tokenizer.toUri(), Sha256.of(tokenizer), externalData);
	}

}
