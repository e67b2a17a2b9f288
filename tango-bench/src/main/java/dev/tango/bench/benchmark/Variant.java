package dev.tango.bench.benchmark;

/**
 * One way of classifying the benchmark's inputs.
 *
 * @param kind what runs
 * @param tier for {@link Kind#TANGO_TIER}, the zero-based index of the tier; else -1
 */
record Variant(Kind kind, int tier) {

	static final Variant PLAIN_IN_ORDER = new Variant(Kind.PLAIN_IN_ORDER, -1);

	static final Variant PLAIN_SORTED = new Variant(Kind.PLAIN_SORTED, -1);

	static final Variant TANGO_LAST = new Variant(Kind.TANGO_LAST, -1);

	static final Variant CASCADE = new Variant(Kind.CASCADE, -1);

	static Variant tier(int index) {
		return new Variant(Kind.TANGO_TIER, index);
	}

	/**
	 * Returns a short description.
	 * @return the description
	 */
	String describe() {
		return switch (this.kind) {
			case PLAIN_IN_ORDER -> "plain ONNX Runtime, arrival order";
			case PLAIN_SORTED -> "plain ONNX Runtime, sorted by length";
			case TANGO_LAST -> "Tango, last tier alone";
			case CASCADE -> "Tango cascade";
			case TANGO_TIER -> "Tango, tier " + (this.tier + 1) + " alone";
		};
	}

	/** What runs. */
	enum Kind {

		/** The last tier's model without Tango, batches in arrival order. */
		PLAIN_IN_ORDER,

		/** The last tier's model without Tango, batches of similar length. */
		PLAIN_SORTED,

		/** Tango with the last tier alone, a one-stage cascade. */
		TANGO_LAST,

		/** The Tango cascade. */
		CASCADE,

		/** Tango with a tier but the last alone, to measure its cost. */
		TANGO_TIER

	}

}
