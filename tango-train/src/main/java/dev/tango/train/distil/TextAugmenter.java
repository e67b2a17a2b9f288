package dev.tango.train.distil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import dev.tango.core.tier.TextInput;

/**
 * Makes unlabelled variants of training texts for a teacher to score, so that a student
 * learns the teacher's answers on more inputs than the labelled set holds.
 *
 * <p>
 * A variant applies one edit, chosen at random, to the whitespace-separated words of a
 * text (the second text of a pair is kept as it is):
 * <ul>
 * <li>word dropout: each word dropped with probability {@value #DROPOUT}, at least one,
 * never all;</li>
 * <li>swap: two adjacent words exchanged;</li>
 * <li>span deletion: one to three consecutive words deleted, never all.</li>
 * </ul>
 * A text yields up to {@code variants} distinct variants, each different from the text; a
 * text of one word yields none, and a short one may yield fewer than asked. The variants
 * of a text are a function of the seed, the text and its row number only, so a row's
 * variants do not depend on which other rows are augmented. Stateless and thread-safe.
 *
 * @param variants how many variants to make of each text, {@code >= 0}
 * @param seed the seed
 */
public record TextAugmenter(int variants, long seed) {

	/** The probability that word dropout drops a word. */
	public static final double DROPOUT = 0.15;

	/** The longest span that span deletion deletes. */
	private static final int MAX_SPAN = 3;

	/** Attempts per variant asked for before a text is given up with fewer. */
	private static final int ATTEMPTS = 4;

	public TextAugmenter {
		if (variants < 0) {
			throw new IllegalArgumentException("variants must be 0 or more, was " + variants);
		}
	}

	/**
	 * Returns the variants of some rows of a list of inputs.
	 * @param inputs the inputs
	 * @param rows the positions in {@code inputs} of the rows to augment; no other row is
	 * read
	 * @return the variants, row by row in the order of {@code rows}
	 */
	public List<TextInput> augment(List<TextInput> inputs, int[] rows) {
		List<TextInput> out = new ArrayList<>(this.variants * rows.length);
		for (int row : rows) {
			TextInput input = inputs.get(row);
			for (String text : variants(input.text(), row)) {
				out.add(new TextInput(text, input.pair()));
			}
		}
		return out;
	}

	/**
	 * Returns the variants of one text.
	 * @param text the text
	 * @param row its row number, which seeds its variants with the seed
	 * @return up to {@link #variants()} distinct variants, none equal to the text
	 */
	public List<String> variants(String text, int row) {
		String[] words = text.trim().split("\\s+");
		if (this.variants == 0 || words.length < 2) {
			return List.of();
		}
		SplittableRandom random = new SplittableRandom(this.seed ^ (0x9E3779B97F4A7C15L * (row + 1L)));
		String original = String.join(" ", words);
		Set<String> made = new LinkedHashSet<>();
		for (int attempt = 0; attempt < ATTEMPTS * this.variants && made.size() < this.variants; attempt++) {
			String variant = String.join(" ", edit(words, random));
			if (!variant.equals(original)) {
				made.add(variant);
			}
		}
		return List.copyOf(made);
	}

	private static List<String> edit(String[] words, SplittableRandom random) {
		return switch (random.nextInt(3)) {
			case 0 -> dropout(words, random);
			case 1 -> swap(words, random);
			default -> deleteSpan(words, random);
		};
	}

	private static List<String> dropout(String[] words, SplittableRandom random) {
		boolean[] dropped = new boolean[words.length];
		int count = 0;
		for (int i = 0; i < words.length; i++) {
			dropped[i] = random.nextDouble() < DROPOUT;
			count += dropped[i] ? 1 : 0;
		}
		if (count == 0) {
			dropped[random.nextInt(words.length)] = true;
		}
		else if (count == words.length) {
			dropped[random.nextInt(words.length)] = false;
		}
		List<String> kept = new ArrayList<>(words.length);
		for (int i = 0; i < words.length; i++) {
			if (!dropped[i]) {
				kept.add(words[i]);
			}
		}
		return kept;
	}

	private static List<String> swap(String[] words, SplittableRandom random) {
		String[] swapped = words.clone();
		int i = random.nextInt(words.length - 1);
		swapped[i] = words[i + 1];
		swapped[i + 1] = words[i];
		return Arrays.asList(swapped);
	}

	private static List<String> deleteSpan(String[] words, SplittableRandom random) {
		int length = 1 + random.nextInt(Math.min(MAX_SPAN, words.length - 1));
		int start = random.nextInt(words.length - length + 1);
		List<String> kept = new ArrayList<>(Arrays.asList(words).subList(0, start));
		kept.addAll(Arrays.asList(words).subList(start + length, words.length));
		return kept;
	}

}
