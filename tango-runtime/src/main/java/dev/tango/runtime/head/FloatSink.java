package dev.tango.runtime.head;

import java.util.Arrays;

/**
 * Floats collected one by one into a growing array, for values streamed from a file whose
 * count is known only at the end. Given the count that the file announces, it grows to
 * exactly that many, so that a row of that length ends in an array of its length without
 * a last copy; it never allocates ahead of the values received, so a file that announces
 * more than it holds costs no more than what it holds. Not thread-safe.
 */
final class FloatSink {

	private static final int INITIAL_CAPACITY = 1024;

	private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

	private final int expected;

	private float[] values;

	private int size;

	/**
	 * Creates an empty sink.
	 * @param expected the number of values expected, or 0 if not known
	 */
	FloatSink(int expected) {
		this.expected = Math.max(expected, 0);
		this.values = new float[(this.expected > 0) ? Math.min(this.expected, INITIAL_CAPACITY) : INITIAL_CAPACITY];
	}

	/**
	 * Appends a value.
	 * @param value the value
	 */
	void add(float value) {
		if (this.size == this.values.length) {
			grow();
		}
		this.values[this.size++] = value;
	}

	/**
	 * Returns the values received.
	 * @return an array of exactly the values received; the sink must not be used after
	 */
	float[] toArray() {
		return (this.size == this.values.length) ? this.values : Arrays.copyOf(this.values, this.size);
	}

	private void grow() {
		if (this.size == MAX_CAPACITY) {
			throw new IllegalStateException("More than " + MAX_CAPACITY + " values");
		}
		long doubled = 2L * this.values.length;
		long capacity = (this.size < this.expected && doubled > this.expected) ? this.expected : doubled;
		this.values = Arrays.copyOf(this.values, (int) Math.min(capacity, MAX_CAPACITY));
	}

}
