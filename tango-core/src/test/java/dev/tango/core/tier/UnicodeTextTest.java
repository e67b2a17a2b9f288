package dev.tango.core.tier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What keeps a text from being Unicode, or a name people tell apart.
 */
class UnicodeTextTest {

	@Test
	void findsALoneSurrogateButNotAPair() {
		assertThat(UnicodeText.loneSurrogateAt("a\uD83D\uDE00b")).isEqualTo(-1);
		assertThat(UnicodeText.loneSurrogateAt("ab\uD800")).isEqualTo(2);
		assertThat(UnicodeText.loneSurrogateRefusal("ab\uD800", 2)).contains("\\uD800", "at character 2");
	}

	@Test
	void aNameTakesNoInvisibleCharacterNorSurroundingSpace() {
		assertThat(UnicodeText.nameFault("card_arrival")).isEmpty();
		assertThat(UnicodeText.nameFault("café crème")).isEmpty();
		assertThat(UnicodeText.nameFault("\u202Enegative")).hasValueSatisfying(
				(fault) -> assertThat(fault).startsWith("holds U+202E at character 0").contains("right-to-left"));
		assertThat(UnicodeText.nameFault("1\u200B"))
			.hasValueSatisfying((fault) -> assertThat(fault).startsWith("holds U+200B at character 1"));
		assertThat(UnicodeText.nameFault("a\tb")).isPresent();
		assertThat(UnicodeText.nameFault(" 1"))
			.hasValueSatisfying((fault) -> assertThat(fault).contains("start or end with a space"));
		assertThat(UnicodeText.nameFault("1\u00A0")).isPresent();
	}

	@Test
	void abbreviatesWithinTheLimitWithoutCuttingACharacterInTwo() {
		assertThat(UnicodeText.abbreviate("abcd", 4)).isEqualTo("abcd");
		assertThat(UnicodeText.abbreviate("abcde", 4)).isEqualTo("abc…");
		// the pair at units 2 and 3 would be cut after its first half: it goes whole
		assertThat(UnicodeText.abbreviate("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
		assertThat(UnicodeText.abbreviate("ab\uD83D\uDE00cd", 5)).isEqualTo("ab\uD83D\uDE00…");
		assertThat(UnicodeText.abbreviate("\uD83D\uDE00".repeat(3), 2)).isEqualTo("…");
		assertThatThrownBy(() -> UnicodeText.abbreviate("abc", 1)).isInstanceOf(IllegalArgumentException.class);
	}

}
