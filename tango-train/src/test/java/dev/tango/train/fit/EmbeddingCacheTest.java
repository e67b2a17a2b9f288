package dev.tango.train.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.runtime.encoder.Embeddings;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {

	private static final String SHA = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";

	@TempDir
	Path dir;

	@Test
	void roundTripsEmbeddings() throws IOException {
		Embeddings embeddings = new Embeddings(new float[][] { { 1f, -2.5f, Float.MIN_VALUE }, { 0f, 3f, 1e30f } },
				new boolean[] { false, true });
		Path file = this.dir.resolve("e.emb");
		EmbeddingCache.write(file, embeddings);
		assertThat(Files.size(file)).isEqualTo(16 + 4 * 6 + 2);
		Embeddings read = EmbeddingCache.read(file);
		assertThat(read.vectors()).isDeepEqualTo(embeddings.vectors());
		assertThat(read.truncated()).containsExactly(false, true);
	}

	@Test
	void refusesATruncatedFile() throws IOException {
		Path file = this.dir.resolve("e.emb");
		EmbeddingCache.write(file, new Embeddings(new float[][] { { 1f, 2f } }, new boolean[1]));
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
		assertThatThrownBy(() -> EmbeddingCache.read(file)).isInstanceOf(IOException.class);
	}

	@Test
	void keysFilesByEncoderAndDataset() {
		EmbeddingCache cache = new EmbeddingCache(this.dir);
		EncoderIdentity mean = new EncoderIdentity("e", SHA, Pooling.MEAN, true, 256, 4);
		EncoderIdentity cls = new EncoderIdentity("e", SHA, Pooling.CLS, true, 256, 4);
		assertThat(cache.file(mean, "d1")).isEqualTo(cache.file(mean, "d1"));
		assertThat(cache.file(mean, "d1")).isNotEqualTo(cache.file(mean, "d2"));
		assertThat(cache.file(mean, "d1")).isNotEqualTo(cache.file(cls, "d1"));
		assertThat(cache.file(mean, "d1").getParent()).isEqualTo(this.dir.resolve("embeddings"));
	}

}
