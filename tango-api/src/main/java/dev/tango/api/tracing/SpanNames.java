package dev.tango.api.tracing;

/**
 * The names of the serving spans and of their tags, as trace queries and dashboards find
 * them: the request span ({@link RequestSpan}) and the tier-call span
 * ({@link TierCallSpans}) share the cascade and version tags.
 */
final class SpanNames {

	/** The span of a classification request. */
	static final String REQUEST = "tango.classify";

	/** The span of a tier call, a batch that holds inputs of many requests. */
	static final String TIER_CALL = "tango.tier.batch";

	/** The cascade's name. */
	static final String CASCADE = "tango.cascade";

	/** The cascade version that served. */
	static final String VERSION = "tango.cascade.version";

	/** The protocol a request came through. */
	static final String PROTOCOL = "tango.protocol";

	/** How many inputs a request has. */
	static final String INPUTS = "tango.inputs";

	/** A request's outcome. */
	static final String OUTCOME = "tango.outcome";

	/** The tier's name. */
	static final String TIER = "tango.tier";

	/** The tier's index in the cascade. */
	static final String TIER_INDEX = "tango.tier.index";

	/** How many inputs a tier call holds. */
	static final String SIZE = "tango.batch.size";

	/** How many requests a tier call serves. */
	static final String REQUESTS = "tango.batch.requests";

	/** The mean wait of a tier call's inputs in the queue, in milliseconds. */
	static final String QUEUE_MEAN = "tango.batch.queue.mean_ms";

	/** The longest wait of a tier call's inputs in the queue, in milliseconds. */
	static final String QUEUE_MAX = "tango.batch.queue.max_ms";

	/** The tier's time on a call, in milliseconds. */
	static final String COMPUTE = "tango.batch.compute_ms";

	private SpanNames() {
	}

}
