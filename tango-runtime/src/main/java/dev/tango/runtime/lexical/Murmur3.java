package dev.tango.runtime.lexical;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference
 * {@code MurmurHash3_x86_32}), over bytes, little-endian blocks.
 */
public final class Murmur3 {

	private static final int C1 = 0xcc9e2d51;

	private static final int C2 = 0x1b873593;

	private Murmur3() {
	}

	/**
	 * Hashes bytes.
	 * @param data the bytes
	 * @param seed the seed
	 * @return the 32-bit hash
	 */
	public static int hash32(byte[] data, int seed) {
		return hash32(data, 0, data.length, seed);
	}

	/**
	 * Hashes a range of bytes.
	 * @param data the bytes
	 * @param offset the first byte
	 * @param length the number of bytes
	 * @param seed the seed
	 * @return the 32-bit hash
	 */
	public static int hash32(byte[] data, int offset, int length, int seed) {
		int h = seed;
		int blocks = length >>> 2;
		for (int i = 0; i < blocks; i++) {
			int p = offset + (i << 2);
			int k = (data[p] & 0xff) | ((data[p + 1] & 0xff) << 8) | ((data[p + 2] & 0xff) << 16)
					| ((data[p + 3] & 0xff) << 24);
			h ^= mixK(k);
			h = Integer.rotateLeft(h, 13);
			h = h * 5 + 0xe6546b64;
		}
		int tail = offset + (blocks << 2);
		int remaining = length & 3;
		if (remaining > 0) {
			int k = 0;
			if (remaining == 3) {
				k ^= (data[tail + 2] & 0xff) << 16;
			}
			if (remaining >= 2) {
				k ^= (data[tail + 1] & 0xff) << 8;
			}
			k ^= data[tail] & 0xff;
			h ^= mixK(k);
		}
		h ^= length;
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

	private static int mixK(int k) {
		k *= C1;
		k = Integer.rotateLeft(k, 15);
		return k * C2;
	}

}
