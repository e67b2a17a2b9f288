package dev.tango.train.onnx;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs a BERT-style encoder in ONNX Runtime on a batch of token ids (no padding) and
 * returns its {@code last_hidden_state}. One session per instance, one thread.
 */
final class EncoderRun implements AutoCloseable {

	private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	EncoderRun(Path model) throws OrtException {
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		options.setIntraOpNumThreads(1);
		options.setInterOpNumThreads(1);
		this.session = ENV.createSession(model.toString(), options);
	}

	/** A model's output: the hidden states and their shape. */
	record Output(long[] shape, float[] values) {
	}

	Output run(long[][] tokens) throws OrtException {
		int batch = tokens.length;
		int length = tokens[0].length;
		long[] ids = new long[batch * length];
		long[] mask = new long[batch * length];
		for (int i = 0; i < batch; i++) {
			System.arraycopy(tokens[i], 0, ids, i * length, length);
			Arrays.fill(mask, i * length, (i + 1) * length, 1L);
		}
		long[] shape = { batch, length };
		try (OnnxTensor inputIds = OnnxTensor.createTensor(ENV, LongBuffer.wrap(ids), shape);
				OnnxTensor attention = OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), shape);
				OnnxTensor types = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[batch * length]), shape);
				OrtSession.Result result = this.session
					.run(Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", types))) {
			OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
			FloatBuffer buffer = hidden.getFloatBuffer();
			float[] values = new float[buffer.remaining()];
			buffer.get(values);
			return new Output(hidden.getInfo().getShape(), values);
		}
	}

	/**
	 * Times two models on the same input, one run of each in turn after a warm-up, so
	 * that both see the same load on the machine.
	 * @return the median time of one run of each, in nanoseconds
	 */
	static long[] alternatingMedianNanos(EncoderRun first, EncoderRun second, long[][] tokens, int runs)
			throws OrtException {
		EncoderRun[] models = { first, second };
		long[][] times = new long[2][runs];
		for (EncoderRun model : models) {
			model.run(tokens);
		}
		for (int i = 0; i < runs; i++) {
			for (int m = 0; m < 2; m++) {
				long start = System.nanoTime();
				models[m].run(tokens);
				times[m][i] = System.nanoTime() - start;
			}
		}
		Arrays.sort(times[0]);
		Arrays.sort(times[1]);
		return new long[] { times[0][runs / 2], times[1][runs / 2] };
	}

	@Override
	public void close() throws OrtException {
		this.session.close();
	}

	/** Two short sentences in BERT uncased word pieces, with [CLS] and [SEP]. */
	static long[][] sampleTokens() {
		return new long[][] { { 101, 1037, 6919, 1010, 3048, 2143, 2007, 8235, 3772, 1012, 102 },
				{ 101, 1996, 5409, 3185, 1045, 2031, 2412, 2464, 1010, 2200, 102 } };
	}

}
