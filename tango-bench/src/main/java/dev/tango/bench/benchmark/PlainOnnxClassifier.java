package dev.tango.bench.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sentence encoder with a linear head, written the way a user would write it without
 * Tango: DJL's HuggingFace tokenizer (truncation at the model's limit, batches padded to
 * their longest input), one ONNX Runtime session through its Java API, pooling,
 * normalisation and the head's softmax in plain Java, the head read from its JSON file.
 * The baseline of the benchmark: it uses no Tango code.
 *
 * <p>
 * Not thread-safe: one calling thread.
 */
final class PlainOnnxClassifier implements AutoCloseable {

	private final OrtEnvironment environment;

	private final OrtSession.SessionOptions options;

	private final OrtSession session;

	private final HuggingFaceTokenizer tokenizer;

	private final float[][] weights;

	private final float[] bias;

	private final boolean meanPooling;

	private final boolean normalize;

	private PlainOnnxClassifier(OrtEnvironment environment, OrtSession.SessionOptions options, OrtSession session,
			HuggingFaceTokenizer tokenizer, float[][] weights, float[] bias, boolean meanPooling, boolean normalize) {
		this.environment = environment;
		this.options = options;
		this.session = session;
		this.tokenizer = tokenizer;
		this.weights = weights;
		this.bias = bias;
		this.meanPooling = meanPooling;
		this.normalize = normalize;
	}

	/**
	 * Opens the classifier.
	 * @param model the encoder's ONNX file
	 * @param tokenizerJson its {@code tokenizer.json}
	 * @param headJson the head file's content
	 * @param intraOpThreads ONNX Runtime's intra-op threads
	 * @return the classifier, to be closed by the caller
	 * @throws IOException if a file cannot be loaded
	 */
	static PlainOnnxClassifier open(Path model, Path tokenizerJson, byte[] headJson, int intraOpThreads)
			throws IOException {
		JsonNode head = JsonMapper.shared().readTree(headJson);
		JsonNode encoder = head.path("encoder");
		int dimension = head.path("dimension").asInt();
		List<float[]> rows = new ArrayList<>();
		for (JsonNode row : head.path("weights")) {
			rows.add(floats(row, dimension));
		}
		float[] bias = floats(head.path("bias"), rows.size());
		HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
			.optTokenizerPath(tokenizerJson)
			.optMaxLength(encoder.path("maxTokens").asInt())
			.optTruncation(true)
			.optPadding(true)
			.build();
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		try {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
			OrtSession session = environment.createSession(model.toString(), options);
			return new PlainOnnxClassifier(environment, options, session, tokenizer, rows.toArray(float[][]::new), bias,
					"mean".equals(encoder.path("pooling").asString()), encoder.path("normalize").asBoolean());
		}
		catch (OrtException ex) {
			options.close();
			tokenizer.close();
			throw new IOException("Cannot open " + model + ": " + ex.getMessage(), ex);
		}
	}

	private static float[] floats(JsonNode node, int size) {
		float[] values = new float[size];
		if (node.isString()) {
			ByteBuffer.wrap(Base64.getDecoder().decode(node.asString()))
				.order(ByteOrder.LITTLE_ENDIAN)
				.asFloatBuffer()
				.get(values);
		}
		else {
			for (int i = 0; i < size; i++) {
				values[i] = (float) node.get(i).asDouble();
			}
		}
		return values;
	}

	/**
	 * Classifies texts in consecutive batches, in the order given.
	 * @param texts the texts
	 * @param batchSize the batch size
	 * @return the predicted label index of each text
	 */
	int[] classifyInOrder(List<String> texts, int batchSize) {
		int[] labels = new int[texts.size()];
		for (int from = 0; from < texts.size(); from += batchSize) {
			int to = Math.min(texts.size(), from + batchSize);
			int[] batch = classifyBatch(texts.subList(from, to));
			System.arraycopy(batch, 0, labels, from, batch.length);
		}
		return labels;
	}

	/**
	 * Classifies texts in batches of texts of similar token length: tokenises each text
	 * to sort them, then runs consecutive batches of the sorted texts.
	 * @param texts the texts
	 * @param batchSize the batch size
	 * @return the predicted label index of each text, in the order given
	 */
	int[] classifySorted(List<String> texts, int batchSize) {
		int[] lengths = new int[texts.size()];
		for (int i = 0; i < lengths.length; i++) {
			lengths[i] = this.tokenizer.encode(texts.get(i)).getIds().length;
		}
		Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
		java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]));
		int[] labels = new int[texts.size()];
		for (int from = 0; from < order.length; from += batchSize) {
			int to = Math.min(order.length, from + batchSize);
			List<String> batch = new ArrayList<>(to - from);
			for (int i = from; i < to; i++) {
				batch.add(texts.get(order[i]));
			}
			int[] predicted = classifyBatch(batch);
			for (int i = from; i < to; i++) {
				labels[order[i]] = predicted[i - from];
			}
		}
		return labels;
	}

	private int[] classifyBatch(List<String> texts) {
		Encoding[] encodings = this.tokenizer.batchEncode(texts);
		int size = encodings.length;
		int tokens = encodings[0].getIds().length;
		long[] ids = new long[size * tokens];
		long[] mask = new long[size * tokens];
		long[] types = new long[size * tokens];
		for (int i = 0; i < size; i++) {
			System.arraycopy(encodings[i].getIds(), 0, ids, i * tokens, tokens);
			System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * tokens, tokens);
			System.arraycopy(encodings[i].getTypeIds(), 0, types, i * tokens, tokens);
		}
		long[] shape = { size, tokens };
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put("input_ids", OnnxTensor.createTensor(this.environment, LongBuffer.wrap(ids), shape));
			inputs.put("attention_mask", OnnxTensor.createTensor(this.environment, LongBuffer.wrap(mask), shape));
			inputs.put("token_type_ids", OnnxTensor.createTensor(this.environment, LongBuffer.wrap(types), shape));
			try (OrtSession.Result result = this.session.run(inputs)) {
				OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
				FloatBuffer states = hidden.getFloatBuffer();
				int dimension = (int) hidden.getInfo().getShape()[2];
				int[] labels = new int[size];
				for (int i = 0; i < size; i++) {
					labels[i] = argmax(probabilities(pool(states, i, tokens, dimension, mask)));
				}
				return labels;
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX Runtime failed: " + ex.getMessage(), ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private float[] pool(FloatBuffer states, int row, int tokens, int dimension, long[] mask) {
		double[] sum = new double[dimension];
		int base = row * tokens * dimension;
		if (this.meanPooling) {
			int count = 0;
			for (int t = 0; t < tokens; t++) {
				if (mask[row * tokens + t] != 0) {
					for (int d = 0; d < dimension; d++) {
						sum[d] += states.get(base + t * dimension + d);
					}
					count++;
				}
			}
			for (int d = 0; d < dimension; d++) {
				sum[d] /= Math.max(1, count);
			}
		}
		else {
			for (int d = 0; d < dimension; d++) {
				sum[d] = states.get(base + d);
			}
		}
		double norm = 0;
		for (double v : sum) {
			norm += v * v;
		}
		double scale = this.normalize ? 1 / Math.max(Math.sqrt(norm), 1e-12) : 1;
		float[] vector = new float[dimension];
		for (int d = 0; d < dimension; d++) {
			vector[d] = (float) (sum[d] * scale);
		}
		return vector;
	}

	private double[] probabilities(float[] x) {
		double[] logits = new double[this.weights.length];
		double max = Double.NEGATIVE_INFINITY;
		for (int c = 0; c < logits.length; c++) {
			double z = this.bias[c];
			for (int d = 0; d < x.length; d++) {
				z += this.weights[c][d] * x[d];
			}
			logits[c] = z;
			max = Math.max(max, z);
		}
		double total = 0;
		for (int c = 0; c < logits.length; c++) {
			logits[c] = Math.exp(logits[c] - max);
			total += logits[c];
		}
		for (int c = 0; c < logits.length; c++) {
			logits[c] /= total;
		}
		return logits;
	}

	private static int argmax(double[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

	@Override
	public void close() {
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.options.close();
			this.tokenizer.close();
		}
	}

}
