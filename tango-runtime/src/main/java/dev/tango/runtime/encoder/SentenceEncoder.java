package dev.tango.runtime.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.onnx.FloatTensor;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OnnxRunner;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.text.TokenBatch;

/**
 * A frozen transformer sentence encoder: tokenises inputs, runs the ONNX model on the
 * batch padded to its longest input, and pools {@code last_hidden_state} into one vector
 * per input as its {@link EncoderIdentity} says (mean over the attention mask, or the
 * first token), L2-normalised if it says so.
 *
 * <p>
 * Thread-safe: see {@link OnnxRunner} (a bounded pool of DJL predictors over one ONNX
 * Runtime session) and {@link TextTokenizer}.
 */
public final class SentenceEncoder implements AutoCloseable {

	/** The output every encoder must have: per-token hidden states. */
	public static final String OUTPUT = "last_hidden_state";

	private final EncoderIdentity identity;

	private final TextTokenizer tokenizer;

	private final OnnxRunner runner;

	private SentenceEncoder(EncoderIdentity identity, TextTokenizer tokenizer, OnnxRunner runner) {
		this.identity = identity;
		this.tokenizer = tokenizer;
		this.runner = runner;
	}

	/**
	 * Opens a bundled encoder from the classpath.
	 * @param encoder the encoder
	 * @param source resolves the encoder's {@code classpath:} URIs to files (verified by
	 * sha256)
	 * @param options the ONNX Runtime settings
	 * @return the encoder, to be closed by the caller
	 * @throws IOException if the model or tokenizer cannot be loaded
	 */
	public static SentenceEncoder open(BundledEncoder encoder, ArtifactSource source, OrtOptions options)
			throws IOException {
		Path model = source.file(encoder.modelUri(), encoder.identity().onnxSha256());
		Path tokenizer = source.file(encoder.tokenizerUri(), encoder.tokenizerSha256());
		return open(encoder.identity(), OnnxModelFile.of(model), tokenizer, options);
	}

	/**
	 * Opens an encoder from files. The model must take {@code input_ids},
	 * {@code attention_mask} and {@code token_type_ids} and give {@value #OUTPUT} of
	 * shape {@code [batch, tokens, dimension]}.
	 * @param identity what the encoder is; its {@code onnxSha256} is trusted to describe
	 * {@code model} (obtain the file through {@link ArtifactSource#file} to have it
	 * checked)
	 * @param model the ONNX model file and its declared external-data files
	 * @param tokenizerJson the {@code tokenizer.json} file
	 * @param options the ONNX Runtime settings
	 * @return the encoder, to be closed by the caller
	 * @throws IOException if the model or tokenizer cannot be loaded or does not fit
	 */
	public static SentenceEncoder open(EncoderIdentity identity, OnnxModelFile model, Path tokenizerJson,
			OrtOptions options) throws IOException {
		Objects.requireNonNull(identity, "identity");
		TextTokenizer tokenizer = TextTokenizer.load(tokenizerJson, identity.maxTokens());
		try {
			OnnxRunner runner = OnnxRunner.open(identity.id(), model, options,
					Set.of(OnnxRunner.INPUT_IDS, OnnxRunner.ATTENTION_MASK, OnnxRunner.TOKEN_TYPE_IDS), OUTPUT);
			SentenceEncoder encoder = new SentenceEncoder(identity, tokenizer, runner);
			encoder.checkDimension();
			return encoder;
		}
		catch (IOException | RuntimeException ex) {
			tokenizer.close();
			throw ex;
		}
	}

	private void checkDimension() throws IOException {
		try {
			int actual = this.embed(List.of(TextInput.of("dimension check"))).vectors()[0].length;
			if (actual != this.identity.dimension()) {
				close();
				throw new IOException("Encoder " + this.identity.id() + " gives " + actual + " dimensions, expected "
						+ this.identity.dimension());
			}
		}
		catch (TierException ex) {
			close();
			throw new IOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Returns what this encoder is.
	 * @return the identity
	 */
	public EncoderIdentity identity() {
		return this.identity;
	}

	/**
	 * Returns the embedding dimension.
	 * @return the dimension
	 */
	public int dimension() {
		return this.identity.dimension();
	}

	/**
	 * Returns an input's length in tokens after truncation, special tokens included: the
	 * cost driver of {@link #embed(List)}. Costs one tokenisation, kept on the input for
	 * {@link #embed(List)} and for other tokenizers of the same family.
	 * @param input the input
	 * @return the token count
	 */
	public int length(TextInput input) {
		return this.tokenizer.length(input);
	}

	/**
	 * Returns the tokenizer, which this encoder owns and closes.
	 * @return the tokenizer
	 */
	TextTokenizer tokenizer() {
		return this.tokenizer;
	}

	/**
	 * Embeds a batch of inputs in one model run, padded to the longest. Sort inputs by
	 * {@link #length length} before batching to waste little on padding.
	 * @param inputs the inputs; may be empty
	 * @return one vector per input
	 * @throws TierException if tokenisation or the model fails
	 */
	public Embeddings embed(List<TextInput> inputs) {
		if (inputs.isEmpty()) {
			return new Embeddings(new float[0][], new boolean[0]);
		}
		TokenBatch batch;
		try {
			batch = this.tokenizer.encodeBatch(inputs);
		}
		catch (RuntimeException ex) {
			throw new TierException("Encoder " + this.identity.id() + " failed to tokenise: " + ex.getMessage(), ex);
		}
		FloatTensor hidden = this.runner.run(batch);
		if (hidden.rank() != 3 || hidden.dim(0) != batch.size() || hidden.dim(1) != batch.sequenceLength()) {
			throw new TierException("Encoder " + this.identity.id() + " output " + OUTPUT + " has shape "
					+ java.util.Arrays.toString(hidden.shape()) + " for a batch of " + batch.size() + " x "
					+ batch.sequenceLength());
		}
		return new Embeddings(pool(hidden, batch), batch.truncated().clone());
	}

	private float[][] pool(FloatTensor hidden, TokenBatch batch) {
		int size = batch.size();
		int tokens = batch.sequenceLength();
		int dim = hidden.dim(2);
		float[] data = hidden.data();
		float[][] vectors = new float[size][];
		for (int i = 0; i < size; i++) {
			double[] sum = new double[dim];
			int base = i * tokens * dim;
			switch (this.identity.pooling()) {
				case CLS -> {
					for (int d = 0; d < dim; d++) {
						sum[d] = data[base + d];
					}
				}
				case MEAN -> {
					long count = 0;
					for (int t = 0; t < tokens; t++) {
						if (batch.attentionMask()[i * tokens + t] != 0) {
							int offset = base + t * dim;
							for (int d = 0; d < dim; d++) {
								sum[d] += data[offset + d];
							}
							count++;
						}
					}
					double scale = 1.0 / Math.max(count, 1);
					for (int d = 0; d < dim; d++) {
						sum[d] *= scale;
					}
				}
			}
			vectors[i] = toFloats(sum, this.identity.normalize());
		}
		return vectors;
	}

	private static float[] toFloats(double[] values, boolean normalize) {
		double scale = 1.0;
		if (normalize) {
			double norm = 0;
			for (double v : values) {
				norm += v * v;
			}
			scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
		}
		float[] result = new float[values.length];
		for (int d = 0; d < values.length; d++) {
			result[d] = (float) (values[d] * scale);
		}
		return result;
	}

	/**
	 * Releases the tokenizer, the predictors and the session. Idempotent.
	 */
	@Override
	public void close() {
		try {
			this.runner.close();
		}
		finally {
			this.tokenizer.close();
		}
	}

}
