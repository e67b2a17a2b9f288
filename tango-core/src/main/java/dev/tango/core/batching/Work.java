package dev.tango.core.batching;

/**
 * An amount of admission work ({@link Admission}): how many inputs, and the units they
 * count for together.
 *
 * @param inputs the number of inputs, zero or more
 * @param units the sum of their units, zero or more
 */
record Work(long inputs, long units) {

	/**
	 * Returns this work less a part of it.
	 * @param part the part
	 * @return the rest
	 */
	Work minus(Work part) {
		return new Work(this.inputs - part.inputs, this.units - part.units);
	}

	/**
	 * Returns the lesser of this work and another, input count and units apart.
	 * @param other the other work
	 * @return the least of each
	 */
	Work atMost(Work other) {
		return new Work(Math.min(this.inputs, other.inputs), Math.min(this.units, other.units));
	}

}
