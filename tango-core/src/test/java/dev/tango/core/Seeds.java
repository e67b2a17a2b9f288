package dev.tango.core;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

/**
 * Seeds for randomized property tests: a {@code @ParameterizedTest} over
 * {@code @MethodSource} of {@link #seeds(int)} runs its property once per seed and draws
 * its inputs from {@link #random(long)}, so that every run checks the same cases and a
 * failure names the seed that reproduces it.
 * <p>
 * The seeds run from a base seed upwards: the system property {@code tango.test.seed}
 * when set, otherwise {@value #DEFAULT_BASE}. To replay a failing seed, or to explore
 * other inputs, run with {@code -Dtango.test.seed=<seed>}. JUnit shows each run as
 * {@code [n] seed <seed>}; Surefire's reports name it by its index only, as in
 * {@code method(long)[n]}, which is seed {@code base + n - 1}.
 */
public final class Seeds {

	/** The system property that sets the first seed. */
	public static final String PROPERTY = "tango.test.seed";

	private static final long DEFAULT_BASE = 20_240_601L;

	private Seeds() {
	}

	/**
	 * Returns {@code count} consecutive seeds from the base seed.
	 * @param count how many seeds, that is how many times the property runs
	 * @return the seeds
	 */
	public static LongStream seeds(int count) {
		long base = base();
		return LongStream.range(0, count).map((i) -> base + i);
	}

	/**
	 * Returns the generator of a test's inputs for a seed. Unlike
	 * {@link java.util.Random}, whose first draws barely differ between consecutive
	 * seeds, it scrambles the seed.
	 * @param seed the seed
	 * @return a generator that depends on the seed only
	 */
	public static RandomGenerator random(long seed) {
		return new SplittableRandom(seed);
	}

	/**
	 * Returns up to {@code maxLength} letters from {@code a} to {@code z} and {@code A}
	 * to {@code Z}, each length from 0 to {@code maxLength} equally likely.
	 * @param random the generator
	 * @param maxLength the longest text
	 * @return the letters
	 */
	public static String letters(RandomGenerator random, int maxLength) {
		char[] letters = new char[random.nextInt(0, maxLength + 1)];
		for (int i = 0; i < letters.length; i++) {
			int letter = random.nextInt(52);
			letters[i] = (char) ((letter < 26) ? 'a' + letter : 'A' + letter - 26);
		}
		return new String(letters);
	}

	private static long base() {
		String value = System.getProperty(PROPERTY);
		return (value == null || value.isBlank()) ? DEFAULT_BASE : Long.parseLong(value.strip());
	}

}
