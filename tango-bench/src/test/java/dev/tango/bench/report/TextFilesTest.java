package dev.tango.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The refusal of an output that is one of a command's inputs, and the removal of folders.
 */
class TextFilesTest {

	@TempDir
	Path folder;

	@Test
	void refusesAnOutputThatIsAnInputHoweverItsPathIsSpelt() throws IOException {
		Path data = Files.writeString(this.folder.resolve("dev.tsv"), "text\tlabel\n");
		Path spelt = this.folder.resolve("sub").resolve("..").resolve("dev.tsv");
		Files.createDirectories(this.folder.resolve("sub"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TextFiles.requireNotAnInput("--out", spelt, this.folder.resolve("other.tsv"), data))
			.withMessage("--out " + spelt + " is the input " + data
					+ ": writing it would replace what this command reads; choose another file");
	}

	@Test
	void letsANewFileOrAnotherFileOrNoneBeWritten() throws IOException {
		Path data = Files.writeString(this.folder.resolve("dev.tsv"), "text\tlabel\n");
		Path other = Files.writeString(this.folder.resolve("report.md"), "# old\n");
		assertThatNoException().isThrownBy(() -> TextFiles.requireNotAnInput("--out", other, data));
		assertThatNoException()
			.isThrownBy(() -> TextFiles.requireNotAnInput("--out", this.folder.resolve("new.md"), data));
		assertThatNoException().isThrownBy(() -> TextFiles.requireNotAnInput("--json", null, data));
	}

	@Test
	void refusesTwoOutputsThatAreOneFileAndCreatesTheFoldersOfOthers() throws IOException {
		Path data = Files.writeString(this.folder.resolve("dev.tsv"), "text\tlabel\n");
		Map<String, @Nullable Path> same = new LinkedHashMap<>();
		same.put("--curve", this.folder.resolve("out/curve.csv"));
		same.put("--json", null);
		same.put("--out", this.folder.resolve("out/./curve.csv"));
		assertThatIllegalArgumentException().isThrownBy(() -> TextFiles.checkOutputs(same, List.of(data)))
			.withMessage("--out " + this.folder.resolve("out/./curve.csv") + " is also the file of --curve: one would "
					+ "replace the other; choose another file");

		Map<String, @Nullable Path> separate = new LinkedHashMap<>();
		separate.put("--out", this.folder.resolve("a/b/cascade.json"));
		separate.put("--curve", this.folder.resolve("a/b/curve.csv"));
		TextFiles.checkOutputs(separate, List.of(data));
		assertThat(this.folder.resolve("a/b")).isDirectory();
	}

	@Test
	void deletesAFolderAndEverythingInItOrNothingWhenItIsMissing() throws IOException {
		Path tree = Files.createDirectories(this.folder.resolve("tree").resolve("sub"));
		Files.writeString(tree.resolve("a.txt"), "a");
		Files.writeString(tree.getParent().resolve("b.txt"), "b");
		TextFiles.deleteTree(tree.getParent());
		assertThat(tree.getParent()).doesNotExist();
		assertThatNoException().isThrownBy(() -> TextFiles.deleteTree(this.folder.resolve("missing")));
	}

}
