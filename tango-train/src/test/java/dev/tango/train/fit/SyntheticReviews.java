package dev.tango.train.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes labelled files of short synthetic reviews: filler words and one sentiment word
 * that decides the label ({@code pos} or {@code neg}).
 */
public final class SyntheticReviews {

	private static final List<String> POSITIVE = List.of("great", "excellent", "wonderful", "loved", "superb");

	private static final List<String> NEGATIVE = List.of("awful", "terrible", "boring", "hated", "dull");

	private static final List<String> FILLER = List.of("the", "movie", "plot", "was", "film", "acting", "really",
			"quite", "a");

	private SyntheticReviews() {
	}

	/**
	 * Writes a file.
	 * @param file the TSV file to write
	 * @param rows the number of rows
	 * @param seed the seed
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	public static Path write(Path file, int rows, long seed) throws IOException {
		Random random = new Random(seed);
		List<String> lines = new ArrayList<>();
		lines.add("text\tlabel");
		for (int i = 0; i < rows; i++) {
			boolean positive = random.nextBoolean();
			List<String> words = new ArrayList<>();
			for (int k = 0; k < 4; k++) {
				words.add(FILLER.get(random.nextInt(FILLER.size())));
			}
			words.add(random.nextInt(words.size() + 1),
					(positive ? POSITIVE : NEGATIVE).get(random.nextInt(POSITIVE.size())));
			lines.add(String.join(" ", words) + "\t" + (positive ? "pos" : "neg"));
		}
		Files.write(file, lines);
		return file;
	}

}
