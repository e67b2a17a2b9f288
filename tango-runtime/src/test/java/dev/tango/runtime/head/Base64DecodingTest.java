package dev.tango.runtime.head;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Base64Decoding} accepts and decodes exactly what {@link Base64#getDecoder()}
 * does, however the text is split into writes.
 */
class Base64DecodingTest {

	@Test
	void decodesAsTheJdkDecoderDoesAtTheEdges() {
		for (String text : List.of("", "QQ", "QQ=", "QQ==", "QUI", "QUI=", "QUJD", "QUJDRA==", "Q", "Q=", "=", "==",
				"QQ==QQ==", "QUI=Q", "QQ===", "QR==", "QUJ=", "QUJD\n", "QU JD", "QUJD=", "QUJDR", "-_-_", "QUJD√")) {
			assertDecodesAsTheJdk(text, new SplittableRandom(text.hashCode()));
		}
	}

	@Test
	void decodesAsTheJdkDecoderDoesOnRandomTexts() {
		SplittableRandom random = new SplittableRandom(7);
		String alphabet = "AQgw+/09zZ";
		for (int n = 0; n < 30_000; n++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(14);
			for (int i = 0; i < length; i++) {
				int pick = random.nextInt(100);
				char c = (pick < 85) ? alphabet.charAt(random.nextInt(alphabet.length()))
						: (pick < 97) ? '=' : " é\n".charAt(random.nextInt(3));
				text.append(c);
			}
			assertDecodesAsTheJdk(text.toString(), random);
		}
	}

	@Test
	void namesTheOffsetOfAnIllegalCharacter() {
		Base64Decoding decoding = new Base64Decoding((b) -> {
		});
		decoding.write("QUJD QUJD".toCharArray(), 0, 9);

		assertThat(decoding.finish()).isEqualTo("illegal character U+0020 at offset 4");
	}

	private static void assertDecodesAsTheJdk(String text, SplittableRandom random) {
		byte[] expected;
		try {
			expected = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			expected = null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Base64Decoding decoding = new Base64Decoding(bytes::write);
		char[] chars = text.toCharArray();
		int from = 0;
		while (from < chars.length) {
			int length = 1 + random.nextInt(chars.length - from);
			decoding.write(chars, from, length);
			from += length;
		}
		String problem = decoding.finish();
		if (expected == null) {
			assertThat(problem).as("'%s'", text).isNotNull();
		}
		else {
			assertThat(problem).as("'%s'", text).isNull();
			assertThat(bytes.toByteArray()).as("'%s'", text).isEqualTo(expected);
		}
	}

}
