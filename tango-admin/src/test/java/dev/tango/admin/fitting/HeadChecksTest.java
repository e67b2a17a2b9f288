package dev.tango.admin.fitting;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tango.admin.dataset.Dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The checks of a head's fit before the job is queued: rows to hold out, and a lexical
 * head's size against the heap.
 */
class HeadChecksTest {

	private static final long GIB = 1L << 30;

	@Test
	void aLexicalHeadMayTakeAQuarterOfTheHeapAtOneMibPerLabel() {
		// 2^18 buckets × 4 bytes: 1 MiB a label; a quarter of 4 GiB: 1,024 labels
		assertThatNoException().isThrownBy(() -> HeadChecks.requireLexicalHeadFits(1024, "labels of x", "Do", 4 * GIB));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> HeadChecks.requireLexicalHeadFits(1025, "labels of data set 'x'",
					"Merge or drop rare labels", 4 * GIB))
			.withMessage("A lexical head for the 1025 labels of data set 'x' would take 1025 labels × 262,144 buckets "
					+ "(2^18) × 4 bytes = 1,025 MiB, more than a quarter of this instance's maximum heap (1,024 MiB "
					+ "of 4,096 MiB), the most one head may take (the job holds it twice, fitted and read back to "
					+ "be verified, beside the fit's own state): at most 1,024 labels fit. Merge or drop rare "
					+ "labels, or give the admin a larger heap (-Xmx)");
	}

	@Test
	void aHeadOf3000LabelsIsRefusedOnAHeapUnder12Gib() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HeadChecks.requireLexicalHeadFits(3000, "labels", "Do", 11 * GIB))
			.withMessageContaining("= 3,000 MiB");
	}

	@Test
	void rowsAreHeldOutOfEveryLabelOfTwoRowsOrMore() {
		assertThatNoException().isThrownBy(() -> HeadChecks.requireRowsToHoldOut("d",
				List.of(new Dataset.LabelCount("neg", 2), new Dataset.LabelCount("pos", 1))));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> HeadChecks.requireRowsToHoldOut("d#dev",
					List.of(new Dataset.LabelCount("neg", 1), new Dataset.LabelCount("pos", 1))))
			.withMessageStartingWith("Data set d#dev is too small to hold rows out: ")
			.withMessageEndingWith("but no label has two: [neg 1, pos 1]; add rows");
	}

	@Test
	void aRefusalListsTwentyLabelsAndHowManyMore() {
		List<Dataset.LabelCount> counts = IntStream.range(0, 3000)
			.mapToObj((i) -> new Dataset.LabelCount("label-" + i, 1))
			.toList();

		assertThatIllegalArgumentException().isThrownBy(() -> HeadChecks.requireRowsToHoldOut("d", counts))
			.satisfies((refused) -> assertThat(refused.getMessage()).contains("label-19 1, … and 2980 more]")
				.doesNotContain("label-20")
				.hasSizeLessThan(1000));
	}

}
