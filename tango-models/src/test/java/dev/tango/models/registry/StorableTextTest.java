package dev.tango.models.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StorableText} counts characters as PostgreSQL's {@code VARCHAR(n)} does.
 */
class StorableTextTest {

	private static final String GRINNING = "\uD83D\uDE00";

	@Test
	void countsACharacterOutsideTheBasicPlaneOnce() {
		assertThatNoException().isThrownBy(() -> StorableText.require("reason", GRINNING.repeat(10), 10));
		assertThatThrownBy(() -> StorableText.require("reason", GRINNING.repeat(10) + "x", 10))
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
