package dev.tango.bench.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The median that the bench's reports give of repeated measurements. Stateless.
 */
public final class Median {

	private Median() {
	}

	/**
	 * Returns the median of values, the mean of the middle two for an even count.
	 * @param values the values, in any order; not changed
	 * @return the median; NaN if any value is NaN or there are none
	 */
	public static double of(List<Double> values) {
		return of(values, Double::doubleValue);
	}

	/**
	 * Returns the median of a value of each item, the mean of the middle two for an even
	 * count.
	 * @param <T> the items' type
	 * @param items the items, in any order; not changed
	 * @param value reads the value of an item
	 * @return the median; NaN if any value is NaN or there are none
	 */
	public static <T> double of(List<T> items, ToDoubleFunction<? super T> value) {
		double[] sorted = items.stream().mapToDouble(value).toArray();
		if (sorted.length == 0 || Arrays.stream(sorted).anyMatch(Double::isNaN)) {
			return Double.NaN;
		}
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
