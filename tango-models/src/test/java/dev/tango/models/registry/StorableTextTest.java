package dev.tango.models.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StorableText} counts characters so that a text within a limit fits PostgreSQL's
 * and H2's {@code VARCHAR(n)} alike.
 */
class StorableTextTest {

	private static final String GRINNING = "\uD83D\uDE00";

	@Test
	void countsACharacterOutsideTheBasicPlaneAsTwoAndSaysSo() {
		assertThatNoException().isThrownBy(() -> StorableText.require("reason", GRINNING.repeat(5), 10));
		assertThatThrownBy(() -> StorableText.require("reason", GRINNING.repeat(5) + "x", 10))
			.isInstanceOf(InvalidRegistryRequestException.class)
			.hasMessage("reason has 11 characters; at most 10 are kept (an emoji, or any character outside the "
					+ "Basic Multilingual Plane, counts as two)");
		assertThatThrownBy(() -> StorableText.require("reason", "x".repeat(11), 10))
			.isInstanceOf(InvalidRegistryRequestException.class)
			.hasMessage("reason has 11 characters; at most 10 are kept");
	}

	@Test
	void refusesWhatTheDatabaseWouldNotStoreAsItIs() {
		assertThatThrownBy(() -> StorableText.require("reason", "a\0b", 10))
			.isInstanceOf(InvalidRegistryRequestException.class)
			.hasMessageContaining("NUL");
		assertThatThrownBy(() -> StorableText.require("reason", "a\uD83Db", 10))
			.isInstanceOf(InvalidRegistryRequestException.class)
			.hasMessageContaining("surrogate");
	}

}
