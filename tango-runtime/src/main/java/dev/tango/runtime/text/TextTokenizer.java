package dev.tango.runtime.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.onnx.DjlEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A HuggingFace {@code tokenizer.json} tokenizer (the Rust library, through DJL) set up
 * for classification: special tokens added, inputs truncated to a maximum number of
 * tokens (longest-first for pairs), no padding by the tokenizer (batches are padded here
 * to their longest input, whatever the file says).
 *
 * <p>
 * Every string is accepted: lone surrogates are replaced by U+FFFD before tokenisation
 * ({@link TextSanitizer}); control characters and other invisible characters are removed
 * by the tokenizer's normaliser when it has one.
 *
 * <p>
 * Thread-safe: the native tokenizer is configured once, then only read. Inputs are
 * encoded one at a time on the calling thread (the library's batch encoding would spread
 * over all cores, competing with inference).
 */
public final class TextTokenizer implements AutoCloseable {

	private final HuggingFaceTokenizer tokenizer;

	private final int maxTokens;

	private final long padId;

	private final AtomicBoolean closed = new AtomicBoolean();

	private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, long padId) {
		this.tokenizer = tokenizer;
		this.maxTokens = maxTokens;
		this.padId = padId;
	}

	/**
	 * Loads a tokenizer from a {@code tokenizer.json} file.
	 * @param tokenizerJson the file
	 * @param maxTokens the most tokens of an encoded input, special tokens included, at
	 * least 4 (a pair needs 3 special tokens)
	 * @return the tokenizer, to be closed by the caller
	 * @throws IOException if the file cannot be read or is not a tokenizer
	 */
	public static TextTokenizer load(Path tokenizerJson, int maxTokens) throws IOException {
		if (maxTokens < 4) {
			throw new IllegalArgumentException("maxTokens must be at least 4, was " + maxTokens);
		}
		DjlEnvironment.ensureOffline();
		String json = Files.readString(tokenizerJson);
		long padId = padId(json);
		Map<String, String> options = Map.of("addSpecialTokens", "true", "withOverflowingTokens", "false", "truncation",
				"LONGEST_FIRST", "padding", "DO_NOT_PAD", "maxLength", Integer.toString(maxTokens), "modelMaxLength",
				Integer.toString(maxTokens));
		try {
			return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), maxTokens, padId);
		}
		catch (RuntimeException ex) {
			throw new IOException("Cannot load tokenizer " + tokenizerJson + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the id used for padding: the file's padding id, else the id of a
	 * {@code [PAD]} or {@code <pad>} token, else 0.
	 */
	private static long padId(String json) throws IOException {
		JsonNode root;
		try {
			root = JsonMapper.shared().readTree(json);
		}
		catch (RuntimeException ex) {
			throw new IOException("Not a tokenizer.json file: " + ex.getMessage(), ex);
		}
		JsonNode padding = root.path("padding");
		if (padding.path("pad_id").isIntegralNumber()) {
			return padding.path("pad_id").asLong();
		}
		for (JsonNode token : root.path("added_tokens")) {
			String content = token.path("content").asString("");
			if (content.equals("[PAD]") || content.equals("<pad>")) {
				return token.path("id").asLong(0);
			}
		}
		return 0;
	}

	/**
	 * Returns the most tokens of an encoded input.
	 * @return the maximum, special tokens included
	 */
	public int maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Encodes one input.
	 * @param input the input
	 * @return the encoding, at most {@link #maxTokens()} tokens long
	 */
	public Encoded encode(TextInput input) {
		checkOpen();
		String text = TextSanitizer.wellFormed(input.text());
		String pair = input.pair();
		Encoding encoding = (pair != null) ? this.tokenizer.encode(text, TextSanitizer.wellFormed(pair), true, false)
				: this.tokenizer.encode(text, true, false);
		return new Encoded(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength());
	}

	/**
	 * Returns an input's length in tokens after truncation, special tokens included.
	 * @param input the input
	 * @return the token count, between 2 and {@link #maxTokens()} for a BERT-style
	 * tokenizer
	 */
	public int length(TextInput input) {
		return encode(input).ids().length;
	}

	/**
	 * Encodes inputs and pads them to the longest one.
	 * @param inputs the inputs, at least one
	 * @return the batch
	 */
	public TokenBatch encodeBatch(List<TextInput> inputs) {
		if (inputs.isEmpty()) {
			throw new IllegalArgumentException("No inputs");
		}
		int size = inputs.size();
		Encoded[] encoded = new Encoded[size];
		int longest = 1;
		for (int i = 0; i < size; i++) {
			encoded[i] = encode(inputs.get(i));
			longest = Math.max(longest, encoded[i].ids().length);
		}
		long[] ids = new long[size * longest];
		long[] mask = new long[size * longest];
		long[] types = new long[size * longest];
		int[] lengths = new int[size];
		boolean[] truncated = new boolean[size];
		for (int i = 0; i < size; i++) {
			Encoded e = encoded[i];
			int n = e.ids().length;
			int offset = i * longest;
			System.arraycopy(e.ids(), 0, ids, offset, n);
			System.arraycopy(e.typeIds(), 0, types, offset, n);
			for (int t = 0; t < n; t++) {
				mask[offset + t] = 1;
			}
			for (int t = n; t < longest; t++) {
				ids[offset + t] = this.padId;
			}
			lengths[i] = n;
			truncated[i] = e.truncated();
		}
		return new TokenBatch(size, longest, ids, mask, types, lengths, truncated);
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("Tokenizer is closed");
		}
	}

	/**
	 * Releases the native tokenizer. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.tokenizer.close();
		}
	}

	/**
	 * One encoded input.
	 *
	 * @param ids the token ids, special tokens included
	 * @param typeIds the token type ids
	 * @param truncated whether tokens were cut to fit the maximum
	 */
	public record Encoded(long[] ids, long[] typeIds, boolean truncated) {

	}

	@Override
	public String toString() {
		return "TextTokenizer[maxTokens=" + this.maxTokens + "]";
	}

}
