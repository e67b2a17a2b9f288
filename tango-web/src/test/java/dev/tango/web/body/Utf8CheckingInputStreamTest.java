package dev.tango.web.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tango.web.body.Utf8CheckingInputStream.MalformedUtf8Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Utf8CheckingInputStreamTest {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 8192 })
	void passesWellFormedTextThroughUnchangedWhateverTheChunkSize(int chunk) throws IOException {
		byte[] text = "plain, é, 中文, 🎬 and U+10FFFF \uDBFF\uDFFF".repeat(50).getBytes(StandardCharsets.UTF_8);
		assertThat(readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(text)), chunk)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "C0AF", "C1BF", "E080AF", "F08080AF", "EDA080", "F4908080", "80", "FF", "E282" })
	void refusesOverlongSurrogateOutOfRangeStrayAndTruncatedSequences(String hex) {
		boolean truncated = hex.equals("E282");
		byte[] input = concat("{\"a\":".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex(hex),
				truncated ? new byte[0] : new byte[] { '}' });
		for (int chunk : new int[] { 1, 2, 4096 }) {
			assertThatExceptionOfType(MalformedUtf8Exception.class)
				.isThrownBy(() -> readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(input)), chunk))
				.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(5))
				.withMessageContaining("byte offset 5");
		}
	}

	@Test
	void checksBytesReadOneAtATime() {
		InputStream in = new Utf8CheckingInputStream(
				new ByteArrayInputStream(new byte[] { 'a', (byte) 0xC0, (byte) 0xAF }));
		assertThatExceptionOfType(MalformedUtf8Exception.class).isThrownBy(() -> {
			while (in.read() >= 0) {
				// reads to the end
			}
		}).satisfies((ex) -> assertThat(ex.offset()).isEqualTo(1));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] readAll(InputStream in, int chunk) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[chunk];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

}
