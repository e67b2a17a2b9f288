package dev.tango.train.fit;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeldOutSplitTest {

	private final int[] labels = IntStream.range(0, 1000)
		.map((i) -> (i % 10 == 0) ? 2 : (i % 3 == 0) ? 1 : 0)
		.toArray();

	@Test
	void holdsOutTheFractionOfEachClass() {
		HeldOutSplit split = HeldOutSplit.stratified(this.labels, 3, 0.1, 7);
		for (int c = 0; c < 3; c++) {
			int label = c;
			long total = Arrays.stream(this.labels).filter((l) -> l == label).count();
			long held = Arrays.stream(split.heldOut()).filter((i) -> this.labels[i] == label).count();
			assertThat(held).isEqualTo(Math.round(0.1 * total));
		}
	}

	@Test
	void partitionsTheRowsInOrder() {
		HeldOutSplit split = HeldOutSplit.stratified(this.labels, 3, 0.25, 7);
		int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.heldOut())).sorted().toArray();
		assertThat(all).isEqualTo(IntStream.range(0, this.labels.length).toArray());
		assertThat(split.train()).isSorted();
		assertThat(split.heldOut()).isSorted();
	}

	@Test
	void isDeterministicForASeedAndVariesWithIt() {
		HeldOutSplit a = HeldOutSplit.stratified(this.labels, 3, 0.1, 42);
		HeldOutSplit b = HeldOutSplit.stratified(this.labels, 3, 0.1, 42);
		HeldOutSplit c = HeldOutSplit.stratified(this.labels, 3, 0.1, 43);
		assertThat(a.heldOut()).isEqualTo(b.heldOut());
		assertThat(a.heldOut()).isNotEqualTo(c.heldOut());
	}

	@Test
	void keepsAtLeastOneRowOfEachClassOnBothSides() {
		int[] small = { 0, 0, 1, 1, 1, 2 };
		HeldOutSplit split = HeldOutSplit.stratified(small, 3, 0.1, 1);
		assertThat(split.heldOut()).hasSize(2);
		assertThat(Arrays.stream(split.heldOut()).map((i) -> small[i]).sorted().toArray()).containsExactly(0, 1);
		assertThat(split.train()).contains(5);
	}

}
