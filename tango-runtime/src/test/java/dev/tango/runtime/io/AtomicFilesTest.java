package dev.tango.runtime.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AtomicFilesTest {

	@TempDir
	Path dir;

	@Test
	void createsTheFolderAndReplacesTheFile() throws IOException {
		Path file = this.dir.resolve("a/b/head.json");

		AtomicFiles.replace(file, (temp) -> Files.writeString(temp, "first"));
		AtomicFiles.replace(file, (temp) -> Files.writeString(temp, "second"));

		assertThat(file).hasContent("second");
		assertThat(list(file.getParent())).containsExactly(file);
	}

	@Test
	void aFailedWriteLeavesTheFileAsItWasAndNoTemporaryFile() throws IOException {
		Path file = this.dir.resolve("head.json");
		Files.writeString(file, "kept");

		assertThatIOException().isThrownBy(() -> AtomicFiles.replace(file, (temp) -> {
			Files.writeString(temp, "half");
			throw new IOException("disk full");
		})).withMessage("disk full");

		assertThat(file).hasContent("kept");
		assertThat(list(this.dir)).containsExactly(file);
	}

	@Test
	void theFileGetsTheProcesssPermissionsForNewFilesNotOwnerOnlyOnes() throws IOException {
		Path file = this.dir.resolve("head.json");
		Path plain = Files.createFile(this.dir.resolve("plain.json"));

		AtomicFiles.replace(file, (temp) -> Files.writeString(temp, "{}"));

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
	}

	private static Object[] list(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.toArray();
		}
	}

}
