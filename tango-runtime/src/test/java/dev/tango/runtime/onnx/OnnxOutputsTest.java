package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.runtime.onnx.UnsafeModelException.Reason;
import dev.tango.runtime.testsupport.CraftedOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OnnxOutputsTest {

	@TempDir
	Path dir;

	@Test
	void readsTheDeclaredShapeOfAnOutput() throws IOException {
		Path model = CraftedOnnx.write(this.dir.resolve("model.onnx"), CraftedOnnx.declaringClassifierWidth(3));
		assertThat(OnnxOutputs.declaredShape(model, CraftedOnnx.OUTPUT))
			.hasValueSatisfying((shape) -> assertThat(shape).containsExactly(OnnxOutputs.UNKNOWN, 3));
		assertThat(OnnxOutputs.declaredShape(model, "probabilities")).isEmpty();
	}

	@Test
	void anOutputWithoutADeclaredShapeHasNone() throws IOException {
		Path model = CraftedOnnx.write(this.dir.resolve("model.onnx"), CraftedOnnx.scaledByExternalWeight("w.bin"));
		assertThat(OnnxOutputs.declaredShape(model, CraftedOnnx.OUTPUT)).isEmpty();
	}

	@Test
	void anEmptyFileIsNotAModel() throws IOException {
		Path empty = Files.write(this.dir.resolve("model.onnx"), new byte[0]);
		assertThatExceptionOfType(UnsafeModelException.class)
			.isThrownBy(() -> OnnxOutputs.declaredShape(empty, CraftedOnnx.OUTPUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED_MODEL));
	}

}
