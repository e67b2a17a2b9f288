package dev.tango.runtime.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.tango.core.tier.TextInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LabelledDatasetTest {

	@TempDir
	Path dir;

	static Path shared(String relative) {
		return Path.of(System.getProperty("tango.shared.dir", "../../shared")).resolve("data").resolve(relative);
	}

	@Test
	void readsBanking77WithQuotedRowsThatSpanLines() throws IOException {
		LabelledDataset data = LabelledDataset.read(shared("banking77/train.tsv"));
		assertThat(data.size()).isEqualTo(9003);
		assertThat(data.labels()).hasSize(77).isSorted();
		assertThat(data.sha256()).isEqualTo("ed07418e59a34b76baad3dc697f3ede12139cd8f56e7a746fb38ab78d2b4d196");
		assertThat(data.examples()).filteredOn((e) -> e.input().text().contains("\n")).hasSize(10);
		assertThat(data.examples()).anySatisfy((e) -> {
			assertThat(e.input().text()).isEqualTo("What do I do with my \"decline\" message on a transfer?");
			assertThat(e.label()).isEqualTo("declined_transfer");
			assertThat(e.line()).isEqualTo(43);
		});
		// line numbers count the physical lines of rows spanning several
		long previous = 1;
		for (LabelledExample example : data.examples()) {
			assertThat(example.line()).isGreaterThan(previous);
			previous = example.line();
		}
		assertThat(previous).isGreaterThan(data.size() + 1);
	}

	@Test
	void readsSst2WithNumericLabelsInNumericOrder() throws IOException {
		LabelledDataset data = LabelledDataset.read(shared("sst2/dev.tsv"));
		assertThat(data.size()).isEqualTo(872);
		assertThat(data.labels()).containsExactly("0", "1");
		assertThat(data.sha256()).isEqualTo("46cc9126f5e3bf1634991d8eeed3a5e8dc81869622444af859729d720c58d815");
		assertThat(data.examples().get(0).input().text()).isEqualTo("it 's a charming and often affecting journey . ");
		assertThat(data.labelIndices()[0]).isEqualTo(1);
	}

	@Test
	void sortsIntegerLabelsNumerically() throws IOException {
		Path file = write("d.tsv", "text\tlabel\na\t10\nb\t2\nc\t1\n");
		assertThat(LabelledDataset.read(file).labels()).containsExactly("1", "2", "10");
	}

	@Test
	void readsPairsAndColumnsInAnyOrder() throws IOException {
		Path file = write("pairs.tsv", "Label\tpair\ttext\tsource\nyes\tB one\tA one\tx\nno\t\"B\ttwo\"\tA two\ty\n");
		LabelledDataset data = LabelledDataset.read(file);
		assertThat(data.inputs()).containsExactly(TextInput.pair("A one", "B one"), TextInput.pair("A two", "B\ttwo"));
		assertThat(data.labels()).containsExactly("no", "yes");
	}

	@Test
	void readsCommaSeparatedFilesByExtension() throws IOException {
		Path file = write("d.csv", "text,label\n\"hello, world\",greet\n");
		assertThat(LabelledDataset.read(file).examples().get(0).input().text()).isEqualTo("hello, world");
	}

	@Test
	void keepsEmptyTexts() throws IOException {
		Path file = write("d.tsv", "text\tlabel\n\tx\n");
		assertThat(LabelledDataset.read(file).examples().get(0).input().text()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void namesTheLineOfWhatIsMalformed(String what, String content, List<String> message) throws IOException {
		Path file = write("d.tsv", content);
		assertThatThrownBy(() -> LabelledDataset.read(file)).isInstanceOf(DatasetFormatException.class)
			.hasMessageContainingAll(message.toArray(String[]::new));
	}

	static Stream<Arguments> namesTheLineOfWhatIsMalformed() {
		return Stream.of(
				arguments("a header without text and label", "sentence\tlabel\na\tb\n",
						List.of("d.tsv:1:", "'text' and 'label'")),
				arguments("a row with too many fields", "text\tlabel\nfine\tx\n\"two\nlines\"\ty\nbad\tx\textra\n",
						List.of("d.tsv:5:", "expected 2 fields as in the header, found 3")),
				arguments("an unclosed quote", "text\tlabel\nfine\tx\n\"never closed\tx\nmore\ty\n",
						List.of("d.tsv:3:")),
				arguments("an empty label", "text\tlabel\nfine\tx\nnone\t \n", List.of("d.tsv:3: the label is empty")));
	}

	@Test
	void refusesMalformedUtf8() throws IOException {
		Path file = this.dir.resolve("d.tsv");
		byte[] head = "text\tlabel\nok\tx\n".getBytes(StandardCharsets.UTF_8);
		byte[] bad = { (byte) 0xC3, (byte) 0x28, '\t', 'y', '\n' };
		byte[] all = new byte[head.length + bad.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(bad, 0, all, head.length, bad.length);
		Files.write(file, all);
		assertThatThrownBy(() -> LabelledDataset.read(file)).isInstanceOf(DatasetFormatException.class)
			.hasMessageContaining("UTF-8");
	}

	@Test
	void slicesWithADerivedDigest() throws IOException {
		LabelledDataset data = LabelledDataset.read(shared("sst2/dev.tsv"));
		LabelledDataset slice = data.slice(0, 10);
		assertThat(slice.size()).isEqualTo(10);
		assertThat(slice.sha256()).isNotEqualTo(data.sha256()).hasSize(64);
		assertThat(slice.name()).endsWith("[0:10]");
		assertThat(data.slice(0, 10).sha256()).isEqualTo(slice.sha256());
		assertThat(data.slice(0, 11).sha256()).isNotEqualTo(slice.sha256());
	}

	private Path write(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

}
