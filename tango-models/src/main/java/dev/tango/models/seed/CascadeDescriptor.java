package dev.tango.models.seed;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.models.registry.ModelKind;
import dev.tango.models.registry.Pooling;

/**
 * A cascade described in JSON, as the seeder reads it. Unknown fields are ignored.
 *
 * <pre>
 * {
 *   "name": "sst2-sentiment",
 *   "description": "...",                       (optional)
 *   "activate": true,                           (optional, default true)
 *   "tiers": [                                  (cheapest first)
 *     {
 *       "model": {
 *         "name": "minilm-l6-sst2",
 *         "kind": "ENCODER_HEAD",               (ONNX_CLASSIFIER, ENCODER_HEAD, LEXICAL, REMOTE_OIP)
 *         "artifacts": {                        (keys: model, tokenizer, head)
 *           "model": { "uri": "classpath:...", "sha256": "..." },
 *           "tokenizer": { "uri": "tokenizer.json", "sha256": "..." }
 *         },
 *         "labels": ["negative", "positive"],
 *         "maxInputLength": 128,
 *         "pooling": "MEAN",                    (optional)
 *         "options": { "name": "value" },       (optional)
 *         "description": "..."                  (optional)
 *       },
 *       "threshold": 0.9,                       (all tiers but the last)
 *       "confidence": "MAX_PROBABILITY",        (optional, default MAX_PROBABILITY)
 *       "temperature": 1.0,                     (optional, default 1.0)
 *       "batchSize": 32,                        (optional, default 1)
 *       "maxBatchDelayMs": 5                    (optional, default 0)
 *     }
 *   ]
 * }
 * </pre>
 *
 * An artifact URI without a scheme is relative to a {@code classpath:} descriptor's
 * directory.
 *
 * @param name the cascade's name
 * @param description free text
 * @param activate whether to activate the cascade version once registered
 * @param tiers the tiers, cheapest first
 */
public record CascadeDescriptor(String name, @Nullable String description, @Nullable Boolean activate,
		List<Tier> tiers) {

	/**
	 * A tier.
	 *
	 * @param model the model version it runs
	 * @param threshold the gate's threshold; absent on the last tier
	 * @param confidence the gate's confidence measure
	 * @param temperature the gate's temperature
	 * @param batchSize the largest batch
	 * @param maxBatchDelayMs how long a batch may wait to fill up
	 */
	public record Tier(Model model, @Nullable Double threshold, @Nullable ConfidenceMeasure confidence,
			@Nullable Double temperature, @Nullable Integer batchSize, @Nullable Integer maxBatchDelayMs) {

	}

	/**
	 * A model version.
	 *
	 * @param name the model's name
	 * @param kind the kind of model
	 * @param artifacts the artifacts by role ({@code model}, {@code tokenizer},
	 * {@code head})
	 * @param labels the class labels in output order
	 * @param maxInputLength the most tokens an input may have
	 * @param pooling how embeddings are pooled
	 * @param options engine options
	 * @param description free text
	 */
	public record Model(String name, ModelKind kind, Map<String, Artifact> artifacts, List<String> labels,
			int maxInputLength, @Nullable Pooling pooling, @Nullable Map<String, String> options,
			@Nullable String description) {

	}

	/**
	 * An artifact.
	 *
	 * @param uri its URI, or a path relative to the descriptor
	 * @param sha256 the sha256 of its content
	 */
	public record Artifact(String uri, @Nullable String sha256) {

	}

}
