package dev.tango.runtime.artifact;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactCacheTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.UTF_8);

	private static final String SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

	@TempDir
	Path dir;

	@Test
	void storesContentUnderItsDigestAndReusesIt() throws IOException {
		ArtifactCache cache = new ArtifactCache(this.dir);
		AtomicInteger opened = new AtomicInteger();
		ArtifactCache.ContentSupplier supplier = () -> {
			opened.incrementAndGet();
			return new ByteArrayInputStream(CONTENT);
		};
		Path file = cache.materialize("greeting.txt", supplier, SHA);
		assertThat(file).isEqualTo(this.dir.resolve(SHA).resolve("greeting.txt").toAbsolutePath());
		assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
		assertThat(cache.materialize("greeting.txt", supplier, SHA)).isEqualTo(file);
		assertThat(opened).hasValue(1);
		assertThat(cache.materialize("greeting.txt", supplier, null)).isEqualTo(file);
		assertThat(opened).hasValue(2);
		try (var entries = Files.list(this.dir)) {
			assertThat(entries).containsExactly(this.dir.resolve(SHA));
		}
	}

	@Test
	void sweepsThePartialFilesAKilledProcessLeftButNotLiveOnes() throws IOException {
		Path abandoned = Files.write(this.dir.resolve(".partial-1.tmp"), CONTENT);
		Files.setLastModifiedTime(abandoned,
				FileTime.from(Instant.now().minus(Partials.ABANDONED).minus(Duration.ofMinutes(1))));
		Path live = Files.write(this.dir.resolve(".partial-2.tmp"), CONTENT);
		ArtifactCache cache = new ArtifactCache(this.dir);

		cache.materialize("greeting.txt", () -> new ByteArrayInputStream(CONTENT), SHA);

		assertThat(abandoned).doesNotExist();
		assertThat(live).exists();
	}

	@Test
	void refusesContentWithAnotherDigest() {
		ArtifactCache cache = new ArtifactCache(this.dir);
		String other = SHA.replace('2', '3');
		assertThatThrownBy(() -> cache.materialize("x.bin", () -> new ByteArrayInputStream(CONTENT), other))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("does not match the expected sha256 " + other)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SHA));
		assertThat(this.dir.resolve(other)).doesNotExist();
	}

	@Test
	void rewritesAFileThatWasTamperedWith() throws IOException {
		ArtifactCache cache = new ArtifactCache(this.dir);
		Path file = cache.materialize("greeting.txt", () -> new ByteArrayInputStream(CONTENT), SHA);
		Files.writeString(file, "evil!");
		ArtifactCache fresh = new ArtifactCache(this.dir);
		Path again = fresh.materialize("greeting.txt", () -> new ByteArrayInputStream(CONTENT), SHA);
		assertThat(Files.readAllBytes(again)).isEqualTo(CONTENT);
		assertThatThrownBy(() -> cache.verify(this.dir.resolve("missing"), SHA)).isInstanceOf(IOException.class);
	}

	@Test
	void findsStoredContentByDigestWhateverItsNameAndDropsCorruptCopies() throws IOException {
		ArtifactCache cache = new ArtifactCache(this.dir);
		assertThat(cache.cached(SHA)).isEmpty();
		Path file = cache.write("model.onnx", (out) -> out.write(CONTENT), SHA);

		assertThat(new ArtifactCache(this.dir).cached(SHA)).hasValue(file);
		Files.writeString(file, "evil!");
		assertThat(new ArtifactCache(this.dir).cached(SHA)).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void writesNothingWhenTheContentFailsOrDoesNotMatch() throws IOException {
		ArtifactCache cache = new ArtifactCache(this.dir);
		assertThatThrownBy(() -> cache.write("big.bin", (out) -> {
			out.write(CONTENT);
			throw new IllegalStateException("too large");
		}, SHA)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> cache.write("x.bin", (out) -> out.write(CONTENT), SHA.replace('2', '3')))
			.isInstanceOf(ChecksumMismatchException.class)
			.satisfies(
					(ex) -> assertThat(((ChecksumMismatchException) ex).expected()).isEqualTo(SHA.replace('2', '3')));
		try (var entries = Files.list(this.dir)) {
			assertThat(entries).isEmpty();
		}
	}

	@Test
	void refusesNamesWithDirectories() {
		ArtifactCache cache = new ArtifactCache(this.dir);
		assertThatThrownBy(() -> cache.materialize("../x", () -> new ByteArrayInputStream(CONTENT), SHA))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void sourceResolvesClasspathResourcesPathsAndFileUris() throws IOException {
		DefaultArtifactSource source = new DefaultArtifactSource(new ArtifactCache(this.dir),
				getClass().getClassLoader());
		Path resource = source.file("classpath:/dev/tango/runtime/artifact/sample.txt", null);
		assertThat(resource).startsWith(this.dir);
		assertThat(Files.readString(resource)).isEqualTo("sample artifact\n");
		try (var in = source.open("classpath:dev/tango/runtime/artifact/sample.txt")) {
			assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(resource));
		}
		Path local = Files.writeString(this.dir.resolve("local.txt"), "hello");
		assertThat(source.file(local.toString(), SHA)).isEqualTo(local);
		assertThat(source.file(local.toUri().toString(), null)).isEqualTo(local);
		assertThatThrownBy(() -> source.file(local.toString(), SHA.replace('2', '3'))).isInstanceOf(IOException.class);
	}

	@Test
	void sourceRefusesNetworkSchemesAndMissingArtifacts() {
		DefaultArtifactSource source = new DefaultArtifactSource(new ArtifactCache(this.dir),
				getClass().getClassLoader());
		assertThatThrownBy(() -> source.open("https://example.com/model.onnx"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Unsupported artifact URI");
		assertThatThrownBy(() -> source.open("classpath:no/such/resource")).isInstanceOf(FileNotFoundException.class)
			.hasMessageContaining("classpath:no/such/resource");
		assertThatThrownBy(() -> source.file(this.dir.resolve("absent").toString(), null))
			.isInstanceOf(FileNotFoundException.class);
	}

}
