package dev.tango.runtime.remote;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.text.TokenBatch;

/**
 * The tensors of a remote tier's {@code infer} calls: the request body for a batch (texts
 * as {@code BYTES}, or token ids as {@code INT64} with their attention mask and, for a
 * model that reads them, their token types) and the scores read back from the output
 * tensor, whose datatype and shape are checked. Immutable and thread-safe (the tokenizer
 * is).
 */
final class OipTensors {

	/** The name of the token type (segment) ids' input, sent when the model reads it. */
	static final String TOKEN_TYPE_IDS = "token_type_ids";

	private final RemoteOptions options;

	private final @Nullable TextTokenizer tokenizer;

	private final boolean typeIds;

	private final int labels;

	/**
	 * Creates the tensors of a tier.
	 * @param options the tier's options
	 * @param tokenizer the tokenizer that makes token ids, or {@code null} to send texts
	 * @param typeIds whether token ids go with their {@value #TOKEN_TYPE_IDS}
	 * @param labels how many labels the output has
	 */
	OipTensors(RemoteOptions options, @Nullable TextTokenizer tokenizer, boolean typeIds, int labels) {
		this.options = options;
		this.tokenizer = tokenizer;
		this.typeIds = typeIds;
		this.labels = labels;
	}

	/**
	 * A request body with the batch's input tensors.
	 *
	 * @param body the JSON request
	 * @param truncated whether each input was cut to the maximum length
	 */
	record Request(String body, boolean[] truncated) {

	}

	/**
	 * Builds the request for a batch.
	 * @param inputs the inputs, at least one
	 * @return the request
	 */
	Request request(List<TextInput> inputs) {
		ObjectNode root = JsonMapper.shared().createObjectNode();
		ArrayNode tensors = root.putArray("inputs");
		boolean[] truncated = new boolean[inputs.size()];
		if (this.tokenizer != null) {
			TokenBatch batch = this.tokenizer.encodeBatch(inputs);
			int[] shape = { batch.size(), batch.sequenceLength() };
			addTensor(tensors, this.options.input(), "INT64", shape).addAll(longs(batch.inputIds()));
			addTensor(tensors, "attention_mask", "INT64", shape).addAll(longs(batch.attentionMask()));
			if (this.typeIds) {
				addTensor(tensors, TOKEN_TYPE_IDS, "INT64", shape).addAll(longs(batch.typeIds()));
			}
			System.arraycopy(batch.truncated(), 0, truncated, 0, truncated.length);
		}
		else {
			int[] shape = { inputs.size() };
			ArrayNode texts = addTensor(tensors, this.options.input(), "BYTES", shape);
			inputs.forEach((input) -> texts.add(input.text()));
			if (inputs.stream().anyMatch(TextInput::isPair)) {
				ArrayNode pairs = addTensor(tensors, this.options.pairInput(), "BYTES", shape);
				inputs.forEach((input) -> pairs.add((input.pair() != null) ? input.pair() : ""));
			}
		}
		root.putArray("outputs").addObject().put("name", this.options.output());
		return new Request(root.toString(), truncated);
	}

	/**
	 * Reads the scores of a batch from a response.
	 * @param response the parsed response body
	 * @param request the request it answers
	 * @return one {@link Scores} per input, their logits in label order
	 * @throws MalformedResponseException if the output is missing or has the wrong
	 * datatype, shape or values
	 */
	List<Scores> scores(JsonNode response, Request request) {
		int n = request.truncated().length;
		JsonNode output = null;
		for (JsonNode candidate : response.path("outputs").values()) {
			if (this.options.output().equals(candidate.path("name").asString(""))) {
				output = candidate;
			}
		}
		if (output == null) {
			throw new MalformedResponseException("the response has no output named '" + this.options.output() + "'");
		}
		String datatype = output.path("datatype").asString("");
		if (!datatype.equals("FP32") && !datatype.equals("FP64") && !datatype.equals("FP16")) {
			throw new MalformedResponseException("output '" + this.options.output() + "' has datatype '" + datatype
					+ "'; a floating-point one (FP32, FP64, FP16) was expected");
		}
		List<Long> shape = new ArrayList<>();
		output.path("shape").values().forEach((dimension) -> shape.add(dimension.asLong(-1)));
		if (!shape.equals(List.of((long) n, (long) this.labels))
				&& !(this.labels == 1 && shape.equals(List.of((long) n)))) {
			throw new MalformedResponseException("output '" + this.options.output() + "' has shape " + shape + "; [" + n
					+ ", " + this.labels + "] was expected (" + n + " inputs, " + this.labels + " labels)");
		}
		List<JsonNode> data = new ArrayList<>(n * this.labels);
		flatten(output.path("data"), data);
		if (data.size() != n * this.labels) {
			throw new MalformedResponseException("output '" + this.options.output() + "' has shape " + shape + " but "
					+ data.size() + " elements in its data");
		}
		List<Scores> scores = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			float[] logits = new float[this.labels];
			for (int j = 0; j < this.labels; j++) {
				JsonNode value = data.get(i * this.labels + j);
				if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
					throw new MalformedResponseException("output '" + this.options.output() + "' holds " + value
							+ " where a finite number was expected");
				}
				logits[j] = logit((float) value.asDouble());
			}
			scores.add(new Scores(logits, request.truncated()[i]));
		}
		return scores;
	}

	/**
	 * Turns one remote score into a logit: logits stay as they are; probabilities become
	 * logits whose activation gives them back (their logarithm under softmax, their
	 * log-odds under sigmoid), clamped away from infinity.
	 */
	private float logit(float score) {
		if (this.options.scores() == RemoteOptions.Scores.LOGITS) {
			return score;
		}
		if (score < 0 || score > 1) {
			throw new MalformedResponseException("output '" + this.options.output() + "' holds " + score
					+ ", not a probability; set option scores=logits if the model returns logits");
		}
		double p = Math.min(Math.max(score, 1e-30), 1 - 1e-7);
		return (float) ((this.options.activation() == Activation.SIGMOID) ? Math.log(p / (1 - p)) : Math.log(p));
	}

	private static void flatten(JsonNode node, List<JsonNode> into) {
		if (node.isArray()) {
			node.values().forEach((element) -> flatten(element, into));
		}
		else if (!node.isMissingNode()) {
			into.add(node);
		}
	}

	private static ArrayNode addTensor(ArrayNode tensors, String name, String datatype, int[] shape) {
		ObjectNode tensor = tensors.addObject();
		tensor.put("name", name);
		ArrayNode dimensions = tensor.putArray("shape");
		for (int dimension : shape) {
			dimensions.add(dimension);
		}
		tensor.put("datatype", datatype);
		return tensor.putArray("data");
	}

	private static ArrayNode longs(long[] values) {
		ArrayNode array = JsonMapper.shared().createArrayNode();
		for (long value : values) {
			array.add(value);
		}
		return array;
	}

}
