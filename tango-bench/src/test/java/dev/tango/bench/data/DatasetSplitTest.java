package dev.tango.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatasetSplitTest {

	@TempDir
	Path folder;

	private static LabelledDataset data() {
		List<LabelledExample> rows = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String label = (i % 10 < 7) ? "a" : (i % 10 < 9) ? "b" : "c";
			rows.add(new LabelledExample(TextInput.of("text " + i), label, i + 2));
		}
		return new LabelledDataset("data.tsv", "0".repeat(64), rows, List.of("a", "b", "c"));
	}

	@Test
	void everyRowGoesToExactlyOnePartAndEachLabelKeepsItsShare() {
		LabelledDataset data = data();
		DatasetSplit split = DatasetSplit.of(data, 0.1, 7);
		Set<String> fit = texts(split.fit());
		Set<String> holdout = texts(split.holdout());
		assertThat(fit).doesNotContainAnyElementsOf(holdout);
		assertThat(fit.size() + holdout.size()).isEqualTo(300);
		Map<String, Long> held = split.holdout()
			.examples()
			.stream()
			.collect(Collectors.groupingBy(LabelledExample::label, Collectors.counting()));
		assertThat(held).containsEntry("a", 21L).containsEntry("b", 6L).containsEntry("c", 3L);
		assertThat(split.fit().labels()).containsExactly("a", "b", "c");
	}

	@Test
	void aDataSetOfFewerThanTwoRowsIsNotSplit() {
		LabelledDataset header = new LabelledDataset("header.tsv", "0".repeat(64), List.of(), List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> DatasetSplit.of(header, 0.1, 7))
			.withMessage("header.tsv has 0 rows: a split needs at least 2, one on each side");
	}

	@Test
	void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
		LabelledDataset data = data();
		assertThat(texts(DatasetSplit.of(data, 0.1, 7).holdout()))
			.isEqualTo(texts(DatasetSplit.of(data, 0.1, 7).holdout()));
		assertThat(texts(DatasetSplit.of(data, 0.1, 8).holdout()))
			.isNotEqualTo(texts(DatasetSplit.of(data, 0.1, 7).holdout()));
		assertThat(DatasetSplit.of(data, 0.1, 7).fit().sha256())
			.isNotEqualTo(DatasetSplit.of(data, 0.1, 8).fit().sha256());
	}

	@Test
	void partsKeepFileOrder() {
		List<Long> lines = DatasetSplit.of(data(), 0.2, 1)
			.fit()
			.examples()
			.stream()
			.map(LabelledExample::line)
			.toList();
		assertThat(lines).isSorted();
	}

	@Test
	void writtenPartsReadBackAsTheSameRows() throws IOException {
		List<LabelledExample> rows = List.of(new LabelledExample(TextInput.of("plain text"), "1", 2),
				new LabelledExample(TextInput.of("a \"quoted\" word"), "0", 3),
				new LabelledExample(TextInput.of("tab\there"), "1", 4),
				new LabelledExample(TextInput.of("two\nlines\r\nand a carriage return"), "0", 5),
				new LabelledExample(TextInput.of(" leading and trailing "), "1", 6),
				new LabelledExample(TextInput.of(""), "0", 7),
				new LabelledExample(TextInput.of("\"starts with a quote"), "1", 8),
				new LabelledExample(TextInput.of("émoji 👍 and ünïcode"), "label with space", 9));
		LabelledDataset data = new LabelledDataset("x", "0".repeat(64), rows, List.of("0", "1", "label with space"));
		Path file = this.folder.resolve("sub/out.tsv");
		TsvWriter.write(data, file);
		LabelledDataset read = LabelledDataset.read(file);
		assertThat(read.examples().stream().map(LabelledExample::input).toList())
			.isEqualTo(rows.stream().map(LabelledExample::input).toList());
		assertThat(read.examples().stream().map(LabelledExample::label).toList())
			.isEqualTo(rows.stream().map(LabelledExample::label).toList());
	}

	@Test
	void pairsAreWrittenWithTheirSecondText() throws IOException {
		List<LabelledExample> rows = List.of(new LabelledExample(TextInput.pair("premise", "hypothesis"), "yes", 2),
				new LabelledExample(TextInput.pair("another", "one\twith a tab"), "no", 3));
		Path file = this.folder.resolve("pairs.tsv");
		TsvWriter.write(new LabelledDataset("p", "0".repeat(64), rows, List.of("no", "yes")), file);
		assertThat(LabelledDataset.read(file).inputs()).containsExactly(TextInput.pair("premise", "hypothesis"),
				TextInput.pair("another", "one\twith a tab"));
	}

	private static Set<String> texts(LabelledDataset data) {
		return data.examples().stream().map((e) -> e.input().text()).collect(Collectors.toCollection(HashSet::new));
	}

}
