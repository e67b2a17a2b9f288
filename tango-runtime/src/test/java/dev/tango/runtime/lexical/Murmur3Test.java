package dev.tango.runtime.lexical;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Murmur3Test {

	// Reference values of MurmurHash3_x86_32 (the published SMHasher implementation).
	@Test
	void matchesReferenceValues() {
		assertThat(hash("", 0)).isEqualTo(0);
		assertThat(hash("", 1)).isEqualTo(0x514E28B7);
		assertThat(hash("", 0xffffffff)).isEqualTo(0x81F16F39);
		assertThat(Murmur3.hash32(new byte[] { 0, 0, 0, 0 }, 0)).isEqualTo(0x2362F9DE);
		assertThat(Murmur3.hash32(new byte[] { 0x21, 0x43, 0x65, (byte) 0x87 }, 0)).isEqualTo(0xF55B516B);
		assertThat(Murmur3.hash32(new byte[] { 0x21, 0x43, 0x65 }, 0)).isEqualTo(0x7E4A8634);
		assertThat(Murmur3.hash32(new byte[] { 0x21, 0x43 }, 0)).isEqualTo(0xA0F7B07A);
		assertThat(Murmur3.hash32(new byte[] { 0x21 }, 0)).isEqualTo(0x72661CF4);
		assertThat(hash("Hello, world!", 1234)).isEqualTo(0xFAF6CDB3);
		assertThat(hash("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2FA826CD);
	}

	@Test
	void hashesARangeLikeACopy() {
		byte[] data = "xxhello worldyy".getBytes(StandardCharsets.UTF_8);
		assertThat(Murmur3.hash32(data, 2, 11, 7)).isEqualTo(hash("hello world", 7));
	}

	private static int hash(String text, int seed) {
		return Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), seed);
	}

}
