package dev.tango.train.fit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.encoder.Embeddings;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds data sets in length-sorted batches and caches the result in a file keyed by the
 * encoder's identity (ONNX sha256, pooling, normalisation, max tokens) and the data set's
 * sha256, so that refitting a head does not re-encode.
 *
 * <p>
 * Files live at {@code <directory>/embeddings/<key>.emb}, where {@code key} is the
 * SHA-256 of the identity and data set digest. Layout: the 8 ASCII bytes
 * {@code TNGOEMB1}, rows and dimension as little-endian int32, {@code rows × dimension}
 * little-endian float32 values, then one byte per row (1 if the input was truncated).
 * Written to a temporary file and moved into place. Thread-safe.
 */
public final class EmbeddingCache {

	private static final byte[] MAGIC = "TNGOEMB1".getBytes(StandardCharsets.US_ASCII);

	private static final Logger logger = LoggerFactory.getLogger(EmbeddingCache.class);

	private final Path directory;

	/**
	 * Creates a cache.
	 * @param directory the cache directory; files go into its {@code embeddings}
	 * sub-directory
	 */
	public EmbeddingCache(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory").resolve("embeddings");
	}

	/**
	 * Returns the file that holds (or would hold) the embeddings of a data set.
	 * @param encoder the encoder's identity
	 * @param datasetSha256 the data set's digest
	 * @return the file
	 */
	public Path file(EncoderIdentity encoder, String datasetSha256) {
		String key = Sha256.ofUtf8(encoder.id() + "|" + encoder.onnxSha256() + "|" + encoder.pooling().id() + "|"
				+ encoder.normalize() + "|" + encoder.maxTokens() + "|" + encoder.dimension() + "|" + datasetSha256);
		return this.directory.resolve(key + ".emb");
	}

	/**
	 * Returns the embeddings of inputs, from the cache when present, else computed and
	 * stored.
	 * @param encoder the encoder
	 * @param datasetSha256 the digest that identifies {@code inputs}
	 * @param inputs the inputs
	 * @param batchSize the batch size for encoding, at least 1
	 * @param threads how many batches to encode at once, at least 1
	 * @param progress told of the inputs embedded, if they are computed
	 * @return one embedding per input, in input order
	 * @throws IOException if the cache cannot be read or written
	 */
	public Embeddings embeddings(SentenceEncoder encoder, String datasetSha256, List<TextInput> inputs, int batchSize,
			int threads, FitProgress progress) throws IOException {
		Path file = file(encoder.identity(), datasetSha256);
		if (Files.isRegularFile(file)) {
			Embeddings cached = read(file);
			if (cached.size() == inputs.size()
					&& (cached.size() == 0 || cached.vectors()[0].length == encoder.dimension())) {
				logger.info("Read {} cached embeddings of {} from {}", cached.size(), encoder.identity().id(), file);
				return cached;
			}
			logger.warn("Ignoring cached embeddings {}: they do not match the data set", file);
		}
		long start = System.nanoTime();
		Embeddings computed = encode(encoder, inputs, batchSize, threads, progress);
		logger.info("Embedded {} inputs with {} in {} s", inputs.size(), encoder.identity().id(),
				String.format("%.1f", (System.nanoTime() - start) / 1e9));
		write(file, computed);
		return computed;
	}

	/**
	 * Embeds inputs: sorts them by token length, embeds consecutive batches (several at
	 * once on {@code threads} threads), and returns the vectors in input order.
	 * @param encoder the encoder
	 * @param inputs the inputs
	 * @param batchSize the batch size, at least 1
	 * @param threads how many batches to encode at once, at least 1
	 * @param progress told of the inputs embedded after each batch, in order, on this
	 * thread; if it throws, the batches not yet started are dropped and the exception
	 * thrown once those running have finished
	 * @return one embedding per input, in input order
	 */
	public static Embeddings encode(SentenceEncoder encoder, List<TextInput> inputs, int batchSize, int threads,
			FitProgress progress) {
		if (batchSize < 1 || threads < 1) {
			throw new IllegalArgumentException("batchSize and threads must be at least 1");
		}
		int n = inputs.size();
		int[] lengths = new int[n];
		for (int i = 0; i < n; i++) {
			lengths[i] = encoder.length(inputs.get(i));
		}
		Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
		java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]));
		float[][] vectors = new float[n][];
		boolean[] truncated = new boolean[n];
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int from = 0; from < n; from += batchSize) {
				int start = from;
				int end = Math.min(n, from + batchSize);
				futures.add(executor.submit(() -> {
					List<TextInput> batch = new ArrayList<>(end - start);
					for (int k = start; k < end; k++) {
						batch.add(inputs.get(order[k]));
					}
					Embeddings result = encoder.embed(batch);
					for (int k = start; k < end; k++) {
						vectors[order[k]] = result.vectors()[k - start];
						truncated[order[k]] = result.truncated()[k - start];
					}
				}));
			}
			for (int batch = 0; batch < futures.size(); batch++) {
				futures.get(batch).get();
				progress.report(FitProgress.EMBEDDING, Math.min(n, (long) (batch + 1) * batchSize), n);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while embedding", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			// Batches not started are dropped; those running are waited for, so that the
			// caller may close the encoder as soon as this returns or throws.
			executor.shutdownNow();
			executor.close();
		}
		return new Embeddings(vectors, truncated);
	}

	static Embeddings read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
			readFully(channel, header);
			header.flip();
			byte[] magic = new byte[8];
			header.get(magic);
			if (!java.util.Arrays.equals(magic, MAGIC)) {
				throw new IOException(file + " is not an embeddings file");
			}
			int rows = header.getInt();
			int dimension = header.getInt();
			long expected = 16L + 4L * rows * dimension + rows;
			if (rows < 0 || dimension < 0 || channel.size() != expected) {
				throw new IOException(file + " is truncated or corrupt");
			}
			float[][] vectors = new float[rows][dimension];
			ByteBuffer row = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < rows; i++) {
				row.clear();
				readFully(channel, row);
				row.flip();
				row.asFloatBuffer().get(vectors[i]);
			}
			ByteBuffer flags = ByteBuffer.allocate(rows);
			readFully(channel, flags);
			boolean[] truncated = new boolean[rows];
			for (int i = 0; i < rows; i++) {
				truncated[i] = flags.get(i) != 0;
			}
			return new Embeddings(vectors, truncated);
		}
	}

	static void write(Path file, Embeddings embeddings) throws IOException {
		AtomicFiles.replace(file, (temp) -> {
			int rows = embeddings.size();
			int dimension = (rows > 0) ? embeddings.vectors()[0].length : 0;
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
				header.put(MAGIC).putInt(rows).putInt(dimension).flip();
				writeFully(channel, header);
				ByteBuffer row = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
				for (float[] vector : embeddings.vectors()) {
					row.clear();
					row.asFloatBuffer().put(vector);
					row.limit(4 * dimension);
					writeFully(channel, row);
				}
				ByteBuffer flags = ByteBuffer.allocate(rows);
				for (boolean t : embeddings.truncated()) {
					flags.put((byte) (t ? 1 : 0));
				}
				flags.flip();
				writeFully(channel, flags);
			}
		});
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				throw new IOException("Unexpected end of embeddings file");
			}
		}
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

}
