package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.onnx.UnsafeModelException.Reason;
import dev.tango.runtime.testsupport.CraftedOnnx;
import dev.tango.runtime.testsupport.CraftedOnnx.TensorPlace;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OnnxModelCheckTest {

	@TempDir
	Path dir;

	private Path folder;

	private Path secret;

	@BeforeEach
	void files() throws IOException {
		this.folder = Files.createDirectories(this.dir.resolve("model"));
		this.secret = Files.writeString(this.dir.resolve("secret.txt"), "password=hunter2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/etc/passwd|ABSOLUTE_PATH", "../secret.txt|PARENT_SEGMENT",
			"../../../../etc/passwd|PARENT_SEGMENT", "sub/../../secret.txt|PARENT_SEGMENT",
			"..\\secret.txt|WINDOWS_SEPARATOR", "C:/Windows/win.ini|ABSOLUTE_PATH", "./w.bin|NOT_NORMALISED",
			"a//w.bin|NOT_NORMALISED", "w.bin/|NOT_NORMALISED", "/dev/zero|ABSOLUTE_PATH",
			"w.bin:stream|NOT_NORMALISED", "*/_ORT_MEM_ADDR_/*|RESERVED_CHARACTER", "w?.bin|RESERVED_CHARACTER" })
	void refusesLocationsThatAreNotPlainRelativePaths(String location, Reason reason) {
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"),
				CraftedOnnx.leakingInitializer("secret_bytes", location, 16));
		UnsafeModelException refused = assertRefused(model, Map.of(location, Sha256.of("x".getBytes())), reason,
				"secret_bytes");
		assertThat(refused.getMessage()).contains("secret_bytes").contains(reason.name());
	}

	@Test
	void refusesASymbolicLinkToAFileOutsideTheFolder() throws IOException {
		Files.createSymbolicLink(this.folder.resolve("w.bin"), this.secret);
		assertRefused("w.bin", Map.of("w.bin", Sha256.of(this.secret)), Reason.LEAVES_FOLDER);
	}

	@Test
	void refusesASymbolicLinkEvenToAFileInsideTheFolder() throws IOException {
		Path real = Files.writeString(this.folder.resolve("real.bin"), "data");
		Files.createSymbolicLink(this.folder.resolve("w.bin"), real);
		assertRefused("w.bin", Map.of("w.bin", Sha256.of(real)), Reason.LEAVES_FOLDER);
	}

	@Test
	void refusesAFileReachedThroughALinkedDirectory() throws IOException {
		Files.createSymbolicLink(this.folder.resolve("sub"), this.dir);
		assertRefused("sub/secret.txt", Map.of("sub/secret.txt", Sha256.of(this.secret)), Reason.LEAVES_FOLDER);
	}

	@Test
	void refusesAFifo() throws Exception {
		Path fifo = this.folder.resolve("w.bin");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		assertRefused("w.bin", Map.of("w.bin", Sha256.of("x".getBytes())), Reason.NOT_A_REGULAR_FILE);
	}

	@Test
	void refusesADirectory() throws IOException {
		Files.createDirectories(this.folder.resolve("w.bin"));
		assertRefused("w.bin", Map.of("w.bin", Sha256.of("x".getBytes())), Reason.NOT_A_REGULAR_FILE);
	}

	@Test
	void refusesAMissingFile() {
		assertRefused("w.bin", Map.of("w.bin", Sha256.of("x".getBytes())), Reason.NOT_FOUND);
	}

	@Test
	void refusesAFileOfTheFolderThatWasNotDeclared() throws IOException {
		Files.write(this.folder.resolve("w.bin"), CraftedOnnx.floats(3.5f));
		assertRefused("w.bin", Map.of(), Reason.UNDECLARED);
	}

	@Test
	void refusesTheModelItselfAsItsOwnExternalData() {
		assertRefused("model.onnx", Map.of(), Reason.UNDECLARED);
	}

	@Test
	void refusesADeclaredFileWhoseContentDiffersWithoutRevealingItsDigest() throws IOException {
		Path weights = Files.write(this.folder.resolve("w.bin"), CraftedOnnx.floats(3.5f));
		String declared = Sha256.of(CraftedOnnx.floats(1.0f));
		UnsafeModelException refused = assertRefused("w.bin", Map.of("w.bin", declared), Reason.CHECKSUM_MISMATCH);
		assertThat(refused.getMessage()).doesNotContain(Sha256.of(weights));
	}

	@Test
	void acceptsADeclaredVerifiedFileOfTheFolder() throws IOException {
		Path weights = Files.write(Files.createDirectories(this.folder.resolve("data")).resolve("w.bin"),
				CraftedOnnx.floats(3.5f));
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"),
				CraftedOnnx.scaledByExternalWeight("data/w.bin"));
		assertThatNoException()
			.isThrownBy(() -> OnnxModelCheck.check(new OnnxModelFile(model, Map.of("data/w.bin", Sha256.of(weights)))));
	}

	@Test
	void findsExternalDataInAConstantOfASubgraph() {
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"),
				CraftedOnnx.externalTensorInSubgraph("hidden_weights", "/etc/shadow"));
		assertRefused(model, Map.of(), Reason.ABSOLUTE_PATH, "hidden_weights");
	}

	@ParameterizedTest
	@EnumSource(TensorPlace.class)
	void findsExternalDataWhereverTheFormatHoldsATensor(TensorPlace place) {
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"),
				CraftedOnnx.externalTensorAt(place, "placed_weights", "/etc/shadow"));
		assertRefused(model, Map.of(), Reason.ABSOLUTE_PATH, "placed_weights");
	}

	@Test
	void refusesADeclaredFileThatNoTensorReferences() throws IOException {
		Path weights = Files.write(this.folder.resolve("w.bin"), CraftedOnnx.floats(3.5f));
		Path extra = Files.write(this.folder.resolve("extra.bin"), CraftedOnnx.floats(1f));
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"), CraftedOnnx.scaledByExternalWeight("w.bin"));
		UnsafeModelException refused = assertRefused(model,
				Map.of("w.bin", Sha256.of(weights), "extra.bin", Sha256.of(extra)), Reason.UNREFERENCED, null);
		assertThat(refused.getMessage()).contains("extra.bin");
		Path internal = CraftedOnnx.write(this.folder.resolve("internal.onnx"),
				CraftedOnnx.declaringClassifierWidth(2));
		assertThatExceptionOfType(UnsafeModelException.class)
			.isThrownBy(() -> OnnxModelCheck.check(new OnnxModelFile(internal, Map.of("w.bin", Sha256.of(weights)))))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNREFERENCED));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/etc/passwd|ABSOLUTE_PATH", "a/../../b|PARENT_SEGMENT", "a\\b|WINDOWS_SEPARATOR",
					"./w.bin|NOT_NORMALISED", "a//b|NOT_NORMALISED", "''|MISSING_LOCATION", "C:w.bin|ABSOLUTE_PATH",
					"*/_ORT_MEM_ADDR_/*|RESERVED_CHARACTER" })
	void judgesDeclaredPathsByTheRulesOfLocations(String location, Reason reason) {
		assertThatExceptionOfType(UnsafeModelException.class).isThrownBy(() -> OnnxModelCheck.checkLocation(location))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
		assertThatNoException().isThrownBy(() -> OnnxModelCheck.checkLocation("data/w-1.bin"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''", "{\"not\": \"onnx\"}", "garbage \u0001\u0002\u0003" })
	void refusesFilesThatAreNotOnnxModels(String content) throws IOException {
		Path model = Files.writeString(this.folder.resolve("model.onnx"), content, StandardCharsets.UTF_8);
		assertRefused(model, Map.of(), Reason.MALFORMED_MODEL, null);
	}

	private UnsafeModelException assertRefused(String location, Map<String, String> declared, Reason reason) {
		Path model = CraftedOnnx.write(this.folder.resolve("model.onnx"),
				CraftedOnnx.leakingInitializer("secret_bytes", location, 16));
		UnsafeModelException refused = assertRefused(model, declared, reason, "secret_bytes");
		assertThat(refused.getMessage()).doesNotContain("hunter2");
		return refused;
	}

	/**
	 * Checks a model with its declared files and asserts it is refused for a reason,
	 * naming a tensor or none.
	 */
	private static UnsafeModelException assertRefused(Path model, Map<String, String> declared, Reason reason,
			@Nullable String tensor) {
		UnsafeModelException refused = org.junit.jupiter.api.Assertions.assertThrows(UnsafeModelException.class,
				() -> OnnxModelCheck.check(new OnnxModelFile(model, declared)));
		assertThat(refused.reason()).isEqualTo(reason);
		assertThat(refused.tensor()).isEqualTo(tensor);
		return refused;
	}

}
