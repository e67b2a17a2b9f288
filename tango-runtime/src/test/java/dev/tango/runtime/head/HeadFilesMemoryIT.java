package dev.tango.runtime.head;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a head file takes about the memory of its floats: a head of 100 to 200 MB,
 * written by {@link HeadFiles#write}, is read in a fresh JVM whose heap is a fraction of
 * what a tree of the same file needs, and reads back bit for bit. The control, parsing
 * the file as a tree ({@link dev.tango.runtime.json.JsonObject#parse}, how heads were
 * read before), runs out of memory in the same heap, so the heap is small enough to tell.
 * The serial collector gives a heap layout that does not depend on the machine's cores or
 * memory.
 *
 * <p>
 * Measured once by hand (Temurin 25, serial collector, smallest {@code -Xmx} in steps of
 * 8 MB): the {@code 2000 × 4096} numeric head needs 39 MB streamed, 271 MB with the tree
 * reader; the {@code 2 × 2^24} lexical head 230 MB streamed, 502 MB with the tree reader.
 */
class HeadFilesMemoryIT {

	@TempDir
	Path dir;

	@Test
	void aHeadOfMillionsOfNumbersIsReadInAHeapTooSmallForItsTree() throws Exception {
		// 2,000 labels of 4,096 numbers: 113 MB of JSON for 33 MB of floats
		assertStreamedInAHeapTooSmallForItsTree(LargeHeads.encoderHead(2000, 4096), 100_000_000, 96);
	}

	@Test
	void aLexicalHeadOf2To24BucketsIsReadInAHeapTooSmallForItsTree() throws Exception {
		// 2 labels of 2^24 buckets, as base64: 179 MB of JSON for 128 MB of floats
		assertStreamedInAHeapTooSmallForItsTree(LargeHeads.lexicalHead(2, 24), 170_000_000, 320);
	}

	/**
	 * Writes a head, then reads it in child JVMs of a heap of {@code heapMegabytes}: the
	 * streaming read gives the head written, the tree of the same file runs out of
	 * memory.
	 */
	private void assertStreamedInAHeapTooSmallForItsTree(HeadFile head, long minBytes, int heapMegabytes)
			throws Exception {
		Path file = this.dir.resolve("large.head.json");
		HeadFiles.write(head, file);
		assertThat(Files.size(file)).isGreaterThan(minBytes);

		Run streamed = probe(heapMegabytes, "stream", file);
		assertThat(streamed.exitCode()).as(streamed.output()).isZero();
		assertThat(streamed.output()).contains("read " + head.head().labels().size() + " x " + head.head().dimension()
				+ " checksum " + HeadReadProbe.checksum(head.head()));
		Run tree = probe(heapMegabytes, "tree", file);
		assertThat(tree.exitCode()).as(tree.output()).isNotZero();
		assertThat(tree.output()).contains("OutOfMemoryError");
	}

	/** Runs {@link HeadReadProbe} in a fresh JVM with the given heap. */
	private static Run probe(int heapMegabytes, String mode, Path file) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path output = Files.createTempFile(file.getParent(), "probe-", ".log");
		Process process = new ProcessBuilder(java.toString(), "-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), HeadReadProbe.class.getName(), mode, file.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe ends within 2 minutes").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String output) {

	}

}
