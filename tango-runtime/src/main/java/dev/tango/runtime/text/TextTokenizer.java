package dev.tango.runtime.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TokenEncoder;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.onnx.DjlEnvironment;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
 * An input is tokenised once per tokenizer family: the encoding is kept on the
 * {@link TextInput} ({@link TextInput#encoding}) under a {@link #key() key} made of the
 * digest of the file without its {@code truncation} and {@code padding} sections (which
 * this class overrides), so that the tiers of a cascade whose {@code tokenizer.json}
 * files differ only there (the bundled encoders' do) share it, for
 * {@link #length(TextInput) length} and {@link #encodeBatch batches} alike. An encoding
 * made under another maximum serves when it was not truncated and fits this one's.
 *
 * <p>
 * Thread-safe: the native tokenizer is configured once, then only read. Inputs are
 * encoded one at a time on the calling thread (the library's batch encoding would spread
 * over all cores, competing with inference).
 */
public final class TextTokenizer implements TokenEncoder<TextTokenizer.Encoded>, AutoCloseable {

	/**
	 * Reads a file as the checks see it, refusing a key given twice, which the checks and
	 * the native parser could read differently.
	 */
	private static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final HuggingFaceTokenizer tokenizer;

	private final int maxTokens;

	private final long padId;

	private final String key;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final LongAdder encoded = new LongAdder();

	private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, long padId, String key) {
		this.tokenizer = tokenizer;
		this.maxTokens = maxTokens;
		this.padId = padId;
		this.key = key;
	}

	/**
	 * Loads a tokenizer from a {@code tokenizer.json} file.
	 * @param tokenizerJson the file
	 * @param maxTokens the most tokens of an encoded input, special tokens included, at
	 * least 4 (a pair needs 3 special tokens)
	 * @return the tokenizer, to be closed by the caller
	 * @throws IOException if the file cannot be read, is not a tokenizer, or is one the
	 * native library could abort the process on ({@link TokenizerFileCheck})
	 */
	public static TextTokenizer load(Path tokenizerJson, int maxTokens) throws IOException {
		if (maxTokens < 4) {
			throw new IllegalArgumentException("maxTokens must be at least 4, was " + maxTokens);
		}
		DjlEnvironment.ensureOffline();
		TokenizerFileCheck.checkSize(tokenizerJson);
		JsonNode root = parse(Files.readString(tokenizerJson));
		TokenizerFileCheck.checkComponents(root);
		long padId = padId(root);
		String key = key(root);
		Map<String, String> options = Map.of("addSpecialTokens", "true", "withOverflowingTokens", "false", "truncation",
				"LONGEST_FIRST", "padding", "DO_NOT_PAD", "maxLength", Integer.toString(maxTokens), "modelMaxLength",
				Integer.toString(maxTokens));
		try {
			return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), maxTokens, padId, key);
		}
		catch (RuntimeException ex) {
			throw new IOException("Cannot load tokenizer " + tokenizerJson + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the id used for padding: the file's padding id, else the id of a
	 * {@code [PAD]} or {@code <pad>} token, else 0.
	 */
	private static long padId(JsonNode root) {
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

	private static JsonNode parse(String json) throws IOException {
		try {
			JsonNode root = STRICT_JSON.readTree(json);
			if (!root.isObject()) {
				throw new IOException("Not a tokenizer.json file: not a JSON object");
			}
			return root;
		}
		catch (RuntimeException ex) {
			throw new IOException("Not a tokenizer.json file: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the key of the encodings: the SHA-256 of the file without the sections this
	 * class overrides, and of the settings it applies.
	 */
	private static String key(JsonNode root) {
		ObjectNode rest = ((ObjectNode) root).deepCopy();
		rest.remove("truncation");
		rest.remove("padding");
		var digest = Sha256.newDigest();
		digest.update(JsonMapper.shared().writeValueAsBytes(rest));
		return "hf-tokenizer/special-tokens/longest-first/" + Sha256.hex(digest);
	}

	/**
	 * Returns the most tokens of an encoded input.
	 * @return the maximum, special tokens included
	 */
	public int maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Returns the token id that pads an encoding to a batch's longest (under an attention
	 * mask of 0).
	 * @return the file's padding id, else the id of its {@code [PAD]} or {@code <pad>}
	 * token, else 0
	 */
	public long padId() {
		return this.padId;
	}

	/**
	 * Returns what identifies this tokenizer's encodings: the digest of its file less the
	 * truncation and padding sections, which this class overrides. Tokenizers with equal
	 * keys tokenise alike up to their maximum lengths.
	 * @return the key
	 */
	@Override
	public String key() {
		return this.key;
	}

	/**
	 * Returns whether an encoding made by a tokenizer with the same key is this one's:
	 * made under the same maximum, or not truncated and within this maximum.
	 * @param encoding the encoding
	 * @return {@code true} if it is what this tokenizer makes of the same input
	 */
	@Override
	public boolean accepts(Encoded encoding) {
		return encoding.maxTokens() == this.maxTokens
				|| (!encoding.truncated() && encoding.ids().length <= this.maxTokens);
	}

	/**
	 * Encodes one input with the native tokenizer. Use {@link TextInput#encoding} (as
	 * {@link #length} and {@link #encodeBatch} do) to reuse an encoding the input holds.
	 * @param input the input
	 * @return the encoding, at most {@link #maxTokens()} tokens long
	 */
	@Override
	public Encoded encode(TextInput input) {
		checkOpen();
		this.encoded.increment();
		String text = TextSanitizer.wellFormed(input.text());
		String pair = input.pair();
		Encoding encoding = (pair != null) ? this.tokenizer.encode(text, TextSanitizer.wellFormed(pair), true, false)
				: this.tokenizer.encode(text, true, false);
		return new Encoded(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength(), this.maxTokens);
	}

	/**
	 * Returns how many inputs this tokenizer has encoded since it was loaded; an encoding
	 * found on the input is not counted.
	 * @return the count
	 */
	public long encodings() {
		return this.encoded.sum();
	}

	/**
	 * Returns an input's length in tokens after truncation, special tokens included.
	 * @param input the input
	 * @return the token count, between 2 and {@link #maxTokens()} for a BERT-style
	 * tokenizer
	 */
	public int length(TextInput input) {
		return input.encoding(this).ids().length;
	}

	/**
	 * Encodes inputs, reusing the encodings they hold, and pads them to the longest one.
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
			encoded[i] = inputs.get(i).encoding(this);
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
	 * One encoded input; shared by the tiers that read it, so never modified.
	 *
	 * @param ids the token ids, special tokens included
	 * @param typeIds the token type ids
	 * @param truncated whether tokens were cut to fit the maximum
	 * @param maxTokens the maximum it was made under
	 */
	public record Encoded(long[] ids, long[] typeIds, boolean truncated, int maxTokens) {

	}

	@Override
	public String toString() {
		return "TextTokenizer[maxTokens=" + this.maxTokens + "]";
	}

}
