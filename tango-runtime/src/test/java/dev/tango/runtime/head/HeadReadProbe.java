package dev.tango.runtime.head;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import dev.tango.runtime.json.JsonObject;

/**
 * Run in a fresh JVM with a small heap by {@link HeadFilesMemoryIT}: reads a head file
 * and prints what it read, or runs out of memory.
 *
 * <p>
 * Arguments: {@code stream} (read it with {@link HeadFiles#read(Path)} and print
 * {@code read C x D checksum N}) or {@code tree} (parse it whole as a tree with
 * {@link JsonObject#parse}, as heads were read before, and print {@code tree}), then the
 * file.
 */
public final class HeadReadProbe {

	private HeadReadProbe() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[1]);
		if (args[0].equals("tree")) {
			try (InputStream in = Files.newInputStream(file)) {
				System.out.println("tree " + JsonObject.parse(in, file.toString()).fieldNames());
			}
			return;
		}
		LinearHead head = HeadFiles.read(file).head();
		System.out.println("read " + head.weights().length + " x " + head.dimension() + " checksum " + checksum(head));
	}

	/**
	 * Returns a checksum of a head's weights and bias, bit for bit.
	 * @param head the head
	 * @return the CRC-32 of its floats' bits
	 */
	static long checksum(LinearHead head) {
		CRC32 crc = new CRC32();
		for (float[] row : head.weights()) {
			for (float w : row) {
				crc.update(Float.floatToRawIntBits(w));
			}
		}
		for (float b : head.bias()) {
			crc.update(Float.floatToRawIntBits(b));
		}
		return crc.getValue();
	}

}
