package dev.tango.bench;

import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's one-line messages for the file system's and decoding's terse
 * failures.
 */
class FailureMessagesTest {

	@Test
	void namesWhatWentWrongWithAFile() {
		assertThat(FailureMessages.of(new NoSuchFileException("heads/nope.head.json")))
			.isEqualTo("no such file or folder: heads/nope.head.json");
		assertThat(FailureMessages.of(new FileAlreadyExistsException("out/afile")))
			.isEqualTo("already exists: out/afile");
		assertThat(FailureMessages.of(new NotDirectoryException("out/afile"))).isEqualTo("not a folder: out/afile");
		assertThat(FailureMessages.of(new AccessDeniedException("/root/x", null, "read-only")))
			.isEqualTo("permission denied: /root/x (read-only)");
	}

	@Test
	void saysThatBytesAreNotUtf8AndWhatIsNotANumber() {
		assertThat(FailureMessages.of(new MalformedInputException(1)))
			.isEqualTo("a file is not valid UTF-8 text (Input length = 1)");
		assertThat(FailureMessages.of(numberFormat("abc"))).isEqualTo("not a number: \"abc\"");
	}

	@Test
	void keepsOtherMessagesAndNamesTheClassOfThoseWithout() {
		assertThat(FailureMessages.of(new IllegalArgumentException("--folds must be at least 2")))
			.isEqualTo("--folds must be at least 2");
		assertThat(FailureMessages.of(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
	}

	private static NumberFormatException numberFormat(String text) {
		try {
			Double.parseDouble(text);
			throw new AssertionError(text + " parsed");
		}
		catch (NumberFormatException ex) {
			return ex;
		}
	}

}
