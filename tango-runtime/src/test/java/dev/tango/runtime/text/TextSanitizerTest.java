package dev.tango.runtime.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSanitizerTest {

	@Test
	void keepsWellFormedTextAsItIs() {
		String text = "plain, accents é, emoji 😀 and CJK 漢字";
		assertThat(TextSanitizer.wellFormed(text)).isSameAs(text);
		assertThat(TextSanitizer.wellFormed("")).isEmpty();
	}

	@Test
	void replacesLoneSurrogates() {
		assertThat(TextSanitizer.wellFormed("a\uD83Db")).isEqualTo("a\uFFFDb");
		assertThat(TextSanitizer.wellFormed("a\uDE00b")).isEqualTo("a\uFFFDb");
		assertThat(TextSanitizer.wellFormed("\uD83D")).isEqualTo("\uFFFD");
		assertThat(TextSanitizer.wellFormed("😀\uDE00😀\uD83D")).isEqualTo("😀\uFFFD😀\uFFFD");
		assertThat(TextSanitizer.wellFormed("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
	}

}
