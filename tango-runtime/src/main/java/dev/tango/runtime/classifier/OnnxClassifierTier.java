package dev.tango.runtime.classifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.onnx.FloatTensor;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OnnxRunner;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.onnx.TokenizedTier;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.text.TokenBatch;
import org.jspecify.annotations.Nullable;

/**
 * A HuggingFace sequence classifier exported to ONNX (for example with Optimum): a model
 * taking {@code input_ids} and optionally {@code attention_mask} and
 * {@code token_type_ids}, with an output {@value #OUTPUT} of shape
 * {@code [batch, labels]}; its {@code tokenizer.json}; and its {@code config.json} (see
 * {@link ClassifierConfig}).
 *
 * <p>
 * Thread-safe: see {@link OnnxRunner}. Owns and closes its tokenizer and model.
 */
public final class OnnxClassifierTier extends TokenizedTier {

	/** The output every classifier must have. */
	public static final String OUTPUT = "logits";

	/** The input length used when neither the caller nor the config gives one. */
	public static final int DEFAULT_MAX_TOKENS = 512;

	/** The batch size reported when the caller gives none. */
	public static final int DEFAULT_BATCH_SIZE = 16;

	private final ClassifierConfig config;

	private final TextTokenizer tokenizer;

	private final OnnxRunner runner;

	private OnnxClassifierTier(String name, ClassifierConfig config, TextTokenizer tokenizer, OnnxRunner runner,
			int preferredBatchSize) {
		super(name, config.labels(), config.activation(), preferredBatchSize, tokenizer);
		this.config = config;
		this.tokenizer = tokenizer;
		this.runner = runner;
	}

	/**
	 * Opens a classifier from a directory holding {@code model.onnx},
	 * {@code tokenizer.json} and {@code config.json}.
	 * @param name the tier's name
	 * @param directory the directory
	 * @param options the ONNX Runtime settings
	 * @return the tier, to be closed by the caller
	 * @throws IOException if a file is missing, invalid or does not fit
	 */
	public static OnnxClassifierTier open(String name, Path directory, OrtOptions options) throws IOException {
		return open(name, OnnxModelFile.of(directory.resolve("model.onnx")), directory.resolve("tokenizer.json"),
				directory.resolve("config.json"), null, DEFAULT_BATCH_SIZE, options);
	}

	/**
	 * Opens a classifier from its three files.
	 * @param name the tier's name
	 * @param model the ONNX model and its declared external-data files
	 * @param tokenizerJson the {@code tokenizer.json}
	 * @param configJson the {@code config.json}
	 * @param maxTokens the most tokens per input, or {@code null} for the config's
	 * {@code max_position_embeddings} (less 2 for RoBERTa-family models), else
	 * {@value #DEFAULT_MAX_TOKENS}
	 * @param preferredBatchSize the batch size to report, at least 1
	 * @param options the ONNX Runtime settings
	 * @return the tier, to be closed by the caller
	 * @throws IOException if a file is missing, invalid or does not fit
	 */
	public static OnnxClassifierTier open(String name, OnnxModelFile model, Path tokenizerJson, Path configJson,
			@Nullable Integer maxTokens, int preferredBatchSize, OrtOptions options) throws IOException {
		return open(name, model, tokenizerJson, ClassifierConfig.read(configJson), maxTokens, preferredBatchSize,
				options);
	}

	/**
	 * Opens a classifier from its model and tokenizer, with labels and activation given
	 * (such as a registry's model version) rather than read from a {@code config.json}.
	 * @param name the tier's name
	 * @param model the ONNX model and its declared external-data files
	 * @param tokenizerJson the {@code tokenizer.json}
	 * @param config the labels in output order, the activation and the position limit
	 * @param maxTokens the most tokens per input, or {@code null} for the config's
	 * {@code maxPositions}, else {@value #DEFAULT_MAX_TOKENS}
	 * @param preferredBatchSize the batch size to report, at least 1
	 * @param options the ONNX Runtime settings
	 * @return the tier, to be closed by the caller
	 * @throws IOException if a file is missing, invalid or does not fit
	 */
	public static OnnxClassifierTier open(String name, OnnxModelFile model, Path tokenizerJson, ClassifierConfig config,
			@Nullable Integer maxTokens, int preferredBatchSize, OrtOptions options) throws IOException {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(config, "config");
		if (preferredBatchSize < 1) {
			throw new IllegalArgumentException("preferredBatchSize must be at least 1, was " + preferredBatchSize);
		}
		int limit = (maxTokens != null) ? maxTokens
				: (config.maxPositions() != null) ? config.maxPositions() : DEFAULT_MAX_TOKENS;
		TextTokenizer tokenizer = TextTokenizer.load(tokenizerJson, limit);
		OnnxRunner runner = null;
		try {
			runner = OnnxRunner.open(name, model, options, Set.of(OnnxRunner.INPUT_IDS), OUTPUT);
			OnnxClassifierTier tier = new OnnxClassifierTier(name, config, tokenizer, runner, preferredBatchSize);
			tier.classify(List.of(TextInput.of("label check")));
			return tier;
		}
		catch (IOException | RuntimeException ex) {
			if (runner != null) {
				runner.close();
			}
			tokenizer.close();
			if (ex instanceof TierException) {
				throw new IOException(ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		guard().checkOpen();
		if (inputs.isEmpty()) {
			return List.of();
		}
		TokenBatch batch = guard().tokenise(() -> this.tokenizer.encodeBatch(inputs));
		FloatTensor logits = this.runner.run(batch);
		int classes = this.config.labels().size();
		if (logits.rank() != 2 || logits.dim(0) != batch.size() || logits.dim(1) != classes) {
			throw new TierException("Tier " + name() + ": output " + OUTPUT + " has shape "
					+ Arrays.toString(logits.shape()) + ", expected [" + batch.size() + ", " + classes + "]");
		}
		List<Scores> scores = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			scores.add(new Scores(Arrays.copyOfRange(logits.data(), i * classes, (i + 1) * classes),
					batch.truncated()[i]));
		}
		return scores;
	}

	/**
	 * Releases the model and the tokenizer.
	 */
	@Override
	protected void release() {
		try {
			this.runner.close();
		}
		finally {
			this.tokenizer.close();
		}
	}

	@Override
	public String toString() {
		return "OnnxClassifierTier[" + name() + ", " + this.config.labels().size() + " labels, "
				+ this.config.activation() + "]";
	}

}
