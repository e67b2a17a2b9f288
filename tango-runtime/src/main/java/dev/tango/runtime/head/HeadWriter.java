package dev.tango.runtime.head;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a head file (see {@link HeadFiles}) token by token, so that writing holds
 * nothing beyond the head itself: weight rows of more than
 * {@value HeadFiles#MAX_NUMERIC_ROW} columns go out as base64, encoded as they are
 * written. Fields come in a fixed order, pretty-printed with arrays on one line, and
 * numbers are written as Jackson writes a {@code float}, {@code double}, {@code int} or
 * {@code long}, so the same head gives the same bytes.
 */
final class HeadWriter {

	private HeadWriter() {
	}

	/**
	 * Writes a head file.
	 * @param head the head
	 * @param out the stream, flushed, not closed
	 * @throws JacksonException if the stream cannot be written
	 */
	static void write(HeadFile head, OutputStream out) throws JacksonException {
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
			.withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance());
		try (JsonGenerator json = JsonMapper.shared()
			.writer()
			.with(printer)
			.without(StreamWriteFeature.AUTO_CLOSE_TARGET)
			.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("format", HeadFiles.FORMAT);
			json.writeNumberProperty("version", HeadFiles.VERSION);
			json.writeStringProperty("kind", head.kind().id());
			LinearHead linear = head.head();
			json.writeName("labels");
			json.writeStartArray();
			for (String label : linear.labels()) {
				json.writeString(label);
			}
			json.writeEndArray();
			json.writeNumberProperty("dimension", linear.dimension());
			EncoderIdentity encoder = head.encoder();
			if (encoder != null) {
				encoder(json, encoder, head.encoderDelta());
			}
			LexicalSpec lexical = head.lexical();
			if (lexical != null) {
				json.writeName("lexical");
				json.writeStartObject();
				json.writeNumberProperty("bucketBits", lexical.bucketBits());
				json.writeNumberProperty("maxNgram", lexical.maxNgram());
				json.writeStringProperty("weighting", lexical.weighting().id());
				json.writeStringProperty("hash", lexical.hash());
				json.writeNumberProperty("seed", lexical.seed());
				json.writeEndObject();
			}
			TrainingProvenance training = head.training();
			if (training != null) {
				training(json, training);
			}
			json.writeName("bias");
			json.writeStartArray();
			for (float b : linear.bias()) {
				json.writeNumber(b);
			}
			json.writeEndArray();
			json.writeName("weights");
			json.writeStartArray();
			for (float[] row : linear.weights()) {
				row(json, row);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	private static void encoder(JsonGenerator json, EncoderIdentity encoder, @Nullable EncoderDelta delta) {
		json.writeName("encoder");
		json.writeStartObject();
		json.writeStringProperty("id", encoder.id());
		json.writeStringProperty("onnxSha256", encoder.onnxSha256());
		json.writeStringProperty("pooling", encoder.pooling().id());
		json.writeBooleanProperty("normalize", encoder.normalize());
		json.writeNumberProperty("maxTokens", encoder.maxTokens());
		json.writeNumberProperty("dimension", encoder.dimension());
		if (delta != null) {
			json.writeName("delta");
			json.writeStartObject();
			json.writeStringProperty("base", delta.base());
			json.writeStringProperty("file", delta.file());
			json.writeStringProperty("sha256", delta.sha256());
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	private static void row(JsonGenerator json, float[] row) {
		if (row.length > HeadFiles.MAX_NUMERIC_ROW) {
			json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, new Float32Stream(row), 4 * row.length);
		}
		else {
			json.writeStartArray();
			for (float w : row) {
				json.writeNumber(w);
			}
			json.writeEndArray();
		}
	}

	private static void training(JsonGenerator json, TrainingProvenance training) {
		json.writeName("training");
		json.writeStartObject();
		json.writeStringProperty("dataset", training.dataset());
		json.writeStringProperty("datasetSha256", training.datasetSha256());
		json.writeNumberProperty("rows", training.rows());
		json.writeNumberProperty("heldOutRows", training.heldOutRows());
		json.writeNumberProperty("seed", training.seed());
		json.writeNumberProperty("l2", training.l2());
		json.writeName("l2Grid");
		json.writeStartArray();
		for (double l2 : training.l2Grid()) {
			json.writeNumber(l2);
		}
		json.writeEndArray();
		writeFinite(json, "heldOutAccuracy", training.heldOutAccuracy());
		writeFinite(json, "heldOutLogLoss", training.heldOutLogLoss());
		json.writeStringProperty("optimizer", training.optimizer());
		if (training.command() != null) {
			json.writeStringProperty("command", training.command());
		}
		json.writeStringProperty("timestamp", training.timestamp().toString());
		json.writeName("libraries");
		json.writeStartObject();
		for (Map.Entry<String, String> library : new TreeMap<>(training.libraries()).entrySet()) {
			json.writeStringProperty(library.getKey(), library.getValue());
		}
		json.writeEndObject();
		Distillation distillation = training.distillation();
		if (distillation != null) {
			distillation(json, distillation);
		}
		json.writeEndObject();
	}

	private static void distillation(JsonGenerator json, Distillation distillation) {
		json.writeName("distillation");
		json.writeStartObject();
		json.writeStringProperty("teacher", distillation.teacher());
		json.writeNumberProperty("temperature", distillation.temperature());
		json.writeNumberProperty("alpha", distillation.alpha());
		if (distillation.unlabelled() != null) {
			json.writeStringProperty("unlabelled", distillation.unlabelled());
			json.writeStringProperty("unlabelledSha256", distillation.unlabelledSha256());
		}
		json.writeNumberProperty("unlabelledRows", distillation.unlabelledRows());
		if (distillation.augmentPerText() > 0) {
			json.writeNumberProperty("augmentPerText", distillation.augmentPerText());
			json.writeNumberProperty("augmentedRows", distillation.augmentedRows());
		}
		writeFinite(json, "teacherHeldOutAccuracy", distillation.teacherHeldOutAccuracy());
		writeFinite(json, "heldOutAgreement", distillation.heldOutAgreement());
		writeFinite(json, "teacherSeconds", distillation.teacherSeconds());
		writeFinite(json, "fitSeconds", distillation.fitSeconds());
		json.writeEndObject();
	}

	private static void writeFinite(JsonGenerator json, String field, double value) {
		if (Double.isFinite(value)) {
			json.writeNumberProperty(field, value);
		}
	}

	/** The bytes of a row of floats, little-endian float32, read as they are encoded. */
	private static final class Float32Stream extends InputStream {

		private final float[] values;

		private int position;

		Float32Stream(float[] values) {
			this.values = values;
		}

		@Override
		public int read() {
			if (this.position == 4 * this.values.length) {
				return -1;
			}
			int bits = Float.floatToRawIntBits(this.values[this.position >> 2]);
			return (bits >>> (8 * (this.position++ & 3))) & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			int left = 4 * this.values.length - this.position;
			if (left == 0) {
				return (length == 0) ? 0 : -1;
			}
			int n = Math.min(length, left);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = (byte) read();
			}
			return n;
		}

	}

}
