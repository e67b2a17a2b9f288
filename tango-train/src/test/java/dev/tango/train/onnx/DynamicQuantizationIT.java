package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.EncodedModel;
import dev.tango.runtime.onnx.edit.PerTokenQuantization;
import dev.tango.runtime.onnx.edit.WireField;
import dev.tango.train.onnx.DynamicQuantization.WeightRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quantises the fp32 MiniLM-L6 to int8, compares its weights with the bundled int8
 * model's, and its sentence embeddings of real SST-2 sentences with the fp32 model's.
 */
class DynamicQuantizationIT {

	private static List<TextInput> sentences;

	private static SentenceEmbeddings.Timed reference;

	@BeforeAll
	static void embedWithFp32() throws IOException {
		sentences = SentenceEmbeddings.sst2Dev(300);
		reference = SentenceEmbeddings.embedWithMiniLm(BundledModels.miniLm(), sentences);
	}

	@Test
	void reducedRangeReproducesTheBundledInt8Model(@TempDir Path dir) throws Exception {
		OnnxModel int8 = DynamicQuantization.quantize(OnnxModel.read(BundledModels.miniLm()), WeightRange.REDUCED);
		OnnxModel bundled = OnnxModel.read(BundledModels.miniLmInt8());
		assertThat(int8.initializers()).containsExactlyInAnyOrderElementsOf(bundled.initializers());
		for (Initializer initializer : bundled.initializers()) {
			if (initializer.name().endsWith("_scale")) {
				assertThat(int8.floatInitializer(initializer.name()).values()).as(initializer.name())
					.containsExactly(bundled.floatInitializer(initializer.name()).values());
			}
			if (initializer.name().endsWith("_quantized")) {
				assertThat(rawData(int8, initializer.name())).as(initializer.name())
					.isEqualTo(rawData(bundled, initializer.name()));
			}
		}
		assertThat(int8.nodes()).extracting(GraphNode::opType)
			.containsExactlyInAnyOrderElementsOf(bundled.nodes().stream().map(GraphNode::opType).toList());

		Quality quality = measure(int8, dir);
		SentenceEmbeddings.Timed theirs = SentenceEmbeddings.embedWithMiniLm(BundledModels.miniLmInt8(), sentences);
		double agreement = 0;
		for (int i = 0; i < sentences.size(); i++) {
			agreement += SentenceEmbeddings.cosine(theirs.vectors()[i], quality.embeddings().vectors()[i]);
		}
		System.out.printf("reduced range, cosine to the bundled int8 model's embeddings: mean %.6f%n",
				agreement / sentences.size());
		assertThat(agreement / sentences.size()).isGreaterThan(0.9999);
		assertThat(quality.meanCosine()).isGreaterThan(0.985);
	}

	@Test
	void fullRangeEmbedsLikeFp32InAQuarterOfTheSpace(@TempDir Path dir) throws Exception {
		OnnxModel int8 = DynamicQuantization.quantize(OnnxModel.read(BundledModels.miniLm()), WeightRange.FULL);
		assertThat(int8.nodes()).filteredOn((node) -> node.opType().equals("MatMulInteger")).hasSize(36);
		assertThat(int8.nodes()).filteredOn((node) -> node.opType().equals("DynamicQuantizeLinear")).hasSize(24);
		assertThat(int8.nodes()).filteredOn((node) -> node.opType().equals("DequantizeLinear")).hasSize(3);
		assertThat(int8.nodes()).filteredOn((node) -> node.opType().equals("MatMul")).hasSize(12);

		Quality quality = measure(int8, dir);
		// 0.991 on processors with VNNI; 0.990 on an AVX2 one, whose u8s8 products
		// saturate
		// with 8-bit weights (the reason for the reduced range)
		assertThat(quality.meanCosine()).isGreaterThan(0.985);
		assertThat(quality.leastCosine()).isGreaterThan(0.95);
		assertThat(quality.sizeRatio()).isBetween(0.24, 0.27);
		assertThat(quality.timeRatio()).isLessThan(1.0);
	}

	@Test
	void aTruncatedStudentQuantisesToo(@TempDir Path dir) throws Exception {
		OnnxModel student = EncoderTruncation.firstLayers(OnnxModel.read(BundledModels.miniLm()), 3);
		Path fp32 = dir.resolve("student.onnx");
		student.write(fp32);
		Path int8 = dir.resolve("student-int8.onnx");
		DynamicQuantization.quantize(student, WeightRange.FULL).write(int8);

		try (EncoderRun reference = new EncoderRun(fp32); EncoderRun quantized = new EncoderRun(int8)) {
			EncoderRun.Output expected = reference.run(EncoderRun.sampleTokens());
			EncoderRun.Output actual = quantized.run(EncoderRun.sampleTokens());
			assertThat(actual.shape()).containsExactly(expected.shape());
			int width = 384;
			for (int token = 0; token < expected.values().length / width; token++) {
				float[] a = Arrays.copyOfRange(expected.values(), token * width, (token + 1) * width);
				float[] b = Arrays.copyOfRange(actual.values(), token * width, (token + 1) * width);
				assertThat(SentenceEmbeddings.cosine(a, b)).isGreaterThan(0.98);
			}
		}
	}

	@Test
	void perTokenScalesEmbedCloserToFp32AndAlikeInAnyBatchForALittleMoreTime(@TempDir Path dir) throws Exception {
		Path perToken = dir.resolve("per-token.onnx");
		PerTokenQuantization.rewrite(EncodedModel.read(BundledModels.miniLmInt8())).write(perToken);
		List<TextInput> mixed = sentences.subList(0, 64);
		double[] cosine = new double[2];
		long[] nanos = new long[2];
		Path[] models = { BundledModels.miniLmInt8(), perToken };
		float[][][] alone = new float[2][][];
		for (int round = 0; round < 3; round++) {
			for (int m = 0; m < 2; m++) {
				SentenceEmbeddings.Timed timed = SentenceEmbeddings.embedWithMiniLm(models[m], sentences);
				nanos[m] += timed.nanos();
				if (round == 0) {
					for (int i = 0; i < sentences.size(); i++) {
						cosine[m] += SentenceEmbeddings.cosine(reference.vectors()[i], timed.vectors()[i])
								/ sentences.size();
					}
					alone[m] = SentenceEmbeddings.embedOneByOne(models[m], mixed);
					float[][] batched = SentenceEmbeddings.embedInOrder(models[m], mixed);
					double least = 1;
					for (int i = 0; i < mixed.size(); i++) {
						least = Math.min(least, SentenceEmbeddings.cosine(alone[m][i], batched[i]));
					}
					System.out.printf(
							"%s: cosine to fp32 %.5f; least cosine of an input alone and in batches of "
									+ "16 in arrival order %.7f%n",
							(m == 0) ? "per batch" : "per token", cosine[m], least);
					if (m == 1) {
						for (int i = 0; i < mixed.size(); i++) {
							assertThat(batched[i]).as("sentence %d", i).containsExactly(alone[m][i]);
						}
					}
				}
			}
		}
		System.out.printf("per-token / per-batch time on %d SST-2 sentences in length-sorted batches of 16: %.3f%n",
				sentences.size(), (double) nanos[1] / nanos[0]);
		assertThat(cosine[1]).isGreaterThan(cosine[0]);
	}

	private static Quality measure(OnnxModel int8, Path dir) throws IOException {
		Path file = dir.resolve("int8.onnx");
		int8.write(file);
		SentenceEmbeddings.Timed ours = SentenceEmbeddings.embedWithMiniLm(file, sentences);
		// Timed again next to the int8 run, so that both see the same load on the
		// machine.
		long fp32Nanos = SentenceEmbeddings.embedWithMiniLm(BundledModels.miniLm(), sentences).nanos();
		double sum = 0;
		double least = 1;
		for (int i = 0; i < sentences.size(); i++) {
			double cosine = SentenceEmbeddings.cosine(reference.vectors()[i], ours.vectors()[i]);
			sum += cosine;
			least = Math.min(least, cosine);
		}
		Quality quality = new Quality(ours, sum / sentences.size(), least,
				(double) Files.size(file) / Files.size(BundledModels.miniLm()), (double) ours.nanos() / fp32Nanos);
		System.out.printf(
				"int8/fp32 on %d SST-2 sentences: size %.3f, time %.2f (%.0f vs %.0f ms), cosine mean %.5f, min %.5f%n",
				sentences.size(), quality.sizeRatio(), quality.timeRatio(), ours.nanos() / 1e6, fp32Nanos / 1e6,
				quality.meanCosine(), quality.leastCosine());
		return quality;
	}

	private static ByteString rawData(OnnxModel model, String name) throws IOException {
		for (WireField field : WireField.split(model.initializerBytes(name).orElseThrow())) {
			if (field.number() == 9) {
				return field.payload();
			}
		}
		throw new AssertionError(name + " has no raw data");
	}

	private record Quality(SentenceEmbeddings.Timed embeddings, double meanCosine, double leastCosine, double sizeRatio,
			double timeRatio) {
	}

}
