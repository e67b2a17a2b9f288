package dev.tango.train.distil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tango.core.tier.TextInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The augmenter's variants: deterministic, distinct, made by one edit of the words, of
 * the rows asked for only.
 */
class TextAugmenterTest {

	private static final String TEXT = "how do i activate my new card from the app today";

	@Test
	void theSameSeedAndRowGiveTheSameVariantsAndAnotherSeedOthers() {
		TextAugmenter augmenter = new TextAugmenter(5, 42);
		assertThat(augmenter.variants(TEXT, 7)).isEqualTo(new TextAugmenter(5, 42).variants(TEXT, 7));
		assertThat(augmenter.variants(TEXT, 7)).isNotEqualTo(new TextAugmenter(5, 43).variants(TEXT, 7));
		assertThat(augmenter.variants(TEXT, 7)).isNotEqualTo(augmenter.variants(TEXT, 8));
	}

	@Test
	void variantsAreDistinctDifferFromTheTextAndComeFromOneEdit() {
		List<String> words = List.of(TEXT.split(" "));
		for (int row = 0; row < 50; row++) {
			List<String> variants = new TextAugmenter(6, 1).variants(TEXT, row);
			assertThat(variants).hasSize(6).doesNotHaveDuplicates().doesNotContain(TEXT);
			for (String variant : variants) {
				List<String> edited = List.of(variant.split(" "));
				assertThat(edited).isNotEmpty();
				if (edited.size() == words.size()) {
					assertThat(isAdjacentSwap(words, edited)).as(variant).isTrue();
				}
				else {
					assertThat(isSubsequence(edited, words)).as(variant).isTrue();
				}
			}
		}
	}

	@Test
	void everyEditIsUsed() {
		List<String> words = List.of(TEXT.split(" "));
		int swaps = 0;
		int deletions = 0;
		for (int row = 0; row < 20; row++) {
			for (String variant : new TextAugmenter(4, 9).variants(TEXT, row)) {
				if (variant.split(" ").length == words.size()) {
					swaps++;
				}
				else {
					deletions++;
				}
			}
		}
		assertThat(swaps).isGreaterThan(10);
		assertThat(deletions).isGreaterThan(30);
	}

	@Test
	void shortTextsGiveFewerVariantsAndOneWordNone() {
		assertThat(new TextAugmenter(4, 42).variants("balance", 0)).isEmpty();
		assertThat(new TextAugmenter(4, 42).variants("  ", 0)).isEmpty();
		assertThat(new TextAugmenter(8, 42).variants("card declined", 0)).containsExactlyInAnyOrder("declined card",
				"card", "declined");
		assertThat(new TextAugmenter(0, 42).variants(TEXT, 0)).isEmpty();
	}

	@Test
	void augmentsOnlyTheRowsAskedForKeepingPairsAndRowsIndependentOfEachOther() {
		List<TextInput> inputs = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			inputs.add(TextInput.pair("row" + i + " alpha beta gamma delta", "second " + i));
		}
		TextAugmenter augmenter = new TextAugmenter(3, 5);
		List<TextInput> some = augmenter.augment(inputs, new int[] { 2, 5, 7 });
		Map<String, Integer> rows = new HashMap<>();
		for (TextInput variant : some) {
			String row = variant.pair().substring("second ".length());
			rows.merge(row, 1, Integer::sum);
			assertThat(variant.text()).doesNotContain("row" + (row.equals("2") ? "5" : "2"));
		}
		assertThat(rows).containsOnlyKeys("2", "5", "7").containsValues(3, 3, 3);
		List<TextInput> alone = augmenter.augment(inputs, new int[] { 5 });
		assertThat(alone).extracting(TextInput::text).isEqualTo(augmenter.variants(inputs.get(5).text(), 5));
		assertThat(some.subList(3, 6)).extracting(TextInput::text)
			.isEqualTo(alone.stream().map(TextInput::text).toList());
	}

	@Test
	void refusesANegativeCount() {
		assertThatThrownBy(() -> new TextAugmenter(-1, 0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("-1");
	}

	private static boolean isAdjacentSwap(List<String> words, List<String> edited) {
		for (int i = 0; i + 1 < words.size(); i++) {
			List<String> swapped = new ArrayList<>(words);
			swapped.set(i, words.get(i + 1));
			swapped.set(i + 1, words.get(i));
			if (swapped.equals(edited)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSubsequence(List<String> part, List<String> whole) {
		int k = 0;
		for (String word : whole) {
			if (k < part.size() && part.get(k).equals(word)) {
				k++;
			}
		}
		return k == part.size() && part.size() < whole.size();
	}

}
