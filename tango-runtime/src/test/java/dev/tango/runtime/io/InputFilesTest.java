package dev.tango.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputFilesTest {

	@TempDir
	Path dir;

	@Test
	void aFileIsReadWholeOrAsAStream() throws IOException {
		Path file = Files.writeString(this.dir.resolve("a.txt"), "some text", StandardCharsets.UTF_8);
		assertThat(InputFiles.readAllBytes(file)).asString(StandardCharsets.UTF_8).isEqualTo("some text");
		try (InputStream in = InputFiles.open(file)) {
			assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("some text");
		}
	}

	@Test
	void aFolderIsRefusedByItsPathBeforeAnyRead() {
		assertThatThrownBy(() -> InputFiles.open(this.dir)).isInstanceOf(FileSystemException.class)
			.hasMessage(this.dir + ": a folder, where a file is expected");
		assertThatThrownBy(() -> InputFiles.readAllBytes(this.dir)).isInstanceOf(FileSystemException.class)
			.hasMessageStartingWith(this.dir.toString());
	}

	@Test
	void aMissingFileIsTheJdksNoSuchFile() {
		assertThatThrownBy(() -> InputFiles.open(this.dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
	}

}
