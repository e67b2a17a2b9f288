package dev.tango.bench.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OutputLockTest {

	@TempDir
	Path dir;

	@Test
	void aHeldOutputIsRefusedInThisProcessToo() throws IOException {
		Path out = this.dir.resolve("out.jsonl");
		try (OutputLock held = OutputLock.acquire(out)) {
			assertThatIllegalStateException().isThrownBy(() -> OutputLock.acquire(out))
				.withMessageContaining(out + " is being written by another run");
			// the refusal left the first hold in place
			assertThatIllegalStateException().isThrownBy(() -> OutputLock.acquire(out));
		}
		try (OutputLock again = OutputLock.acquire(out)) {
			assertThat(OutputLock.fileOf(out)).as("kept between runs").exists();
		}
	}

	@Test
	void aLinkToTheOutputTakesTheSameLock() throws IOException {
		Path out = Files.writeString(this.dir.resolve("out.jsonl"), "");
		Path link = Files.createSymbolicLink(this.dir.resolve("link.jsonl"), out);
		assertThat(OutputLock.fileOf(link)).isEqualTo(OutputLock.fileOf(out));
		try (OutputLock held = OutputLock.acquire(out)) {
			assertThatIllegalStateException().isThrownBy(() -> OutputLock.acquire(link));
		}
	}

}
