package dev.tango.runtime.head;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.tango.runtime.json.JsonFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadFilesTest {

	static final EncoderIdentity MINILM = new EncoderIdentity("all-minilm-l6-v2-q",
			"afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", Pooling.MEAN, true, 256, 8);

	@TempDir
	Path dir;

	@Test
	void roundTripsAnEncoderHeadExactly() throws IOException {
		HeadFile head = encoderHead(new Random(1));
		Path file = this.dir.resolve("head.json");
		HeadFiles.write(head, file);
		HeadFile read = HeadFiles.read(file);
		assertThat(read.kind()).isEqualTo(HeadKind.ENCODER_LINEAR);
		assertThat(read.encoder()).isEqualTo(MINILM);
		assertThat(read.head().labels()).isEqualTo(head.head().labels());
		assertThat(read.head().weights()).isDeepEqualTo(head.head().weights());
		assertThat(read.head().bias()).isEqualTo(head.head().bias());
		assertThat(read.training()).isEqualTo(head.training());
		String json = java.nio.file.Files.readString(file);
		assertThat(json).contains("\"format\" : \"tango-linear-head\"", "\"kind\" : \"encoder-linear\"",
				"\"pooling\" : \"mean\"");
	}

	@Test
	void roundTripsAWideLexicalHeadThroughBase64Rows() throws IOException {
		Random random = new Random(2);
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(13);
		float[][] weights = new float[2][spec.buckets()];
		for (float[] row : weights) {
			for (int d = 0; d < row.length; d++) {
				row[d] = (random.nextInt(10) == 0) ? (float) random.nextGaussian() : 0f;
			}
		}
		HeadFile head = new HeadFile(HeadKind.LEXICAL_LINEAR,
				new LinearHead(List.of("neg", "pos"), weights, new float[] { 0.5f, -0.5f }), null, spec, null);
		byte[] bytes = write(head);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"weights\" : [ \"");
		HeadFile read = HeadFiles.read(new ByteArrayInputStream(bytes), "mem");
		assertThat(read.lexical()).isEqualTo(spec);
		assertThat(read.head().weights()).isDeepEqualTo(weights);
		assertThat(read.training()).isNull();
	}

	@Test
	void roundTripsHowAHeadWasDistilled() throws IOException {
		TrainingProvenance fitted = encoderHead(new Random(5)).training();
		Distillation distillation = new Distillation("cascade.json#sst2-bge-small", 2.0, 0.25, "unlabelled.txt",
				"c3c410c1cd1307a8dfcbc51f69086c61fc7d95c0fc353b80009dfe5fb4970172", 5000, 4, 19500, 0.9, 0.85, 41.5,
				3.25);
		TrainingProvenance distilled = new TrainingProvenance(fitted.dataset(), fitted.datasetSha256(), fitted.rows(),
				fitted.heldOutRows(), fitted.seed(), fitted.l2(), fitted.l2Grid(), fitted.heldOutAccuracy(),
				fitted.heldOutLogLoss(), fitted.optimizer(), fitted.command(), fitted.timestamp(), fitted.libraries(),
				distillation);
		HeadFile head = encoderHead(new Random(5));
		HeadFile withDistillation = new HeadFile(head.kind(), head.head(), head.encoder(), null, distilled);
		byte[] bytes = write(withDistillation);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"distillation\" : {",
				"\"teacher\" : \"cascade.json#sst2-bge-small\"");
		HeadFile read = HeadFiles.read(new ByteArrayInputStream(bytes), "mem");
		assertThat(read.training()).isEqualTo(distilled);
		assertThat(HeadFiles.read(new ByteArrayInputStream(write(head)), "mem").training().distillation()).isNull();
	}

	@Test
	void refusesAnotherFormatOrVersion() {
		assertThatThrownBy(() -> read(json().replace("tango-linear-head", "other")))
			.isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("$.format");
		assertThatThrownBy(() -> read(json().replace("\"version\" : 1", "\"version\" : 2")))
			.hasMessageContaining("version 2");
	}

	@Test
	void refusesWeightsOfTheWrongShape() {
		assertThatThrownBy(() -> read(json().replace("\"dimension\" : 8", "\"dimension\" : 7")))
			.isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("$.weights[0]: expected 7 values, found 8");
		assertThatThrownBy(
				() -> read(json().replace("\"labels\" : [ \"a\", \"b\", \"c\" ]", "\"labels\" : [ \"a\", \"b\" ]")))
			.hasMessageContaining("expected 2 rows");
		assertThatThrownBy(() -> read(json().replace("\"bias\" : [ ", "\"bias\" : [ 1.0, ")))
			.hasMessageContaining("$.bias: expected 3 values, found 4");
	}

	@Test
	void refusesDuplicateLabelsAndNonNumbers() {
		assertThatThrownBy(() -> read(json().replace("\"c\" ]", "\"a\" ]"))).hasMessageContaining("not distinct");
		assertThatThrownBy(() -> read(json().replace("\"bias\" : [ ", "\"bias\" : [ \"x\", ")))
			.hasMessageContaining("expected");
	}

	@Test
	void refusesAnEncoderOfAnotherDimension() {
		String otherDimension = json().replace("\"maxTokens\" : 256,\n    \"dimension\" : 8",
				"\"maxTokens\" : 256,\n    \"dimension\" : 9");
		assertThat(otherDimension).isNotEqualTo(json());
		assertThatThrownBy(() -> read(otherDimension)).hasMessageContaining("its encoder");
	}

	@Test
	void refusesAMissingEncoderSection() {
		assertThatThrownBy(() -> read(json().replace("\"encoder\"", "\"other\"")))
			.hasMessageContaining("$.encoder: required");
	}

	@Test
	void aHeadRefusesAnotherEncoder() {
		HeadFile head = encoderHead(new Random(3));
		head.checkEncoder(MINILM);
		EncoderIdentity cls = new EncoderIdentity(MINILM.id(), MINILM.onnxSha256(), Pooling.CLS, true, 256, 8);
		assertThatThrownBy(() -> head.checkEncoder(cls)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fitted for encoder all-minilm-l6-v2-q");
		EncoderIdentity otherModel = new EncoderIdentity("bge-small-en-v1.5",
				"828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35", Pooling.CLS, true, 512, 8);
		assertThatThrownBy(() -> head.checkEncoder(otherModel)).isInstanceOf(IllegalArgumentException.class);
	}

	private String json() {
		try {
			return new String(write(encoderHead(new Random(4))), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HeadFile read(String json) throws IOException {
		return HeadFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
	}

	private static byte[] write(HeadFile head) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		HeadFiles.write(head, out);
		return out.toByteArray();
	}

	static HeadFile encoderHead(Random random) {
		float[][] weights = new float[3][8];
		float[] bias = new float[3];
		for (int c = 0; c < 3; c++) {
			for (int d = 0; d < 8; d++) {
				weights[c][d] = (float) random.nextGaussian() * 1e-3f * (d + 1);
			}
			bias[c] = (float) random.nextGaussian();
		}
		TrainingProvenance training = new TrainingProvenance("data/train.tsv",
				"46cc9126f5e3bf1634991d8eeed3a5e8dc81869622444af859729d720c58d815", 100, 10, 42, 3e-4,
				List.of(1e-2, 3e-4), 0.9, 0.25, "L-BFGS", "fit --x", Instant.parse("2026-01-02T03:04:05Z"),
				Map.of("java", "21", "djl", "0.38.0"));
		return new HeadFile(HeadKind.ENCODER_LINEAR, new LinearHead(List.of("a", "b", "c"), weights, bias), MINILM,
				null, training);
	}

}
