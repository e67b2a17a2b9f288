package dev.tango.runtime.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArtifactFoldersTest {

	@TempDir
	Path dir;

	private final Map<String, Path> stored = new HashMap<>();

	private final AtomicInteger lookups = new AtomicInteger();

	private String model;

	private String weights;

	@BeforeEach
	void store() throws IOException {
		this.model = put("model content");
		this.weights = put("weights content");
	}

	@Test
	void placesStoredFilesSideBySideAtTheirPathsWithoutSymbolicLinks() throws IOException {
		Path folder = folders().folder(Map.of("model.onnx", this.model, "data/w.bin", this.weights), this::lookUp);

		assertThat(folder.getParent()).isEqualTo(this.dir.resolve("folders"));
		for (Path file : new Path[] { folder.resolve("model.onnx"), folder.resolve("data/w.bin") }) {
			assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
		}
		assertThat(Files.readString(folder.resolve("data/w.bin"))).isEqualTo("weights content");
		assertThat(Sha256.of(folder.resolve("model.onnx"))).isEqualTo(this.model);
		try (var entries = Files.list(this.dir.resolve("folders"))) {
			assertThat(entries).containsExactly(folder);
		}
	}

	@Test
	void theSameListingGivesTheSameFolderBuiltOnce() throws IOException {
		Map<String, String> listing = Map.of("model.onnx", this.model, "w.bin", this.weights);
		Path first = folders().folder(listing, this::lookUp);
		Path again = folders().folder(Map.copyOf(listing), this::lookUp);
		Path other = folders().folder(Map.of("model.onnx", this.model, "x.bin", this.weights), this::lookUp);

		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
		assertThat(this.lookups).hasValue(4);
	}

	@Test
	void rebuildsAFolderWhoseFilesWereAltered() throws IOException {
		Map<String, String> listing = Map.of("model.onnx", this.model, "w.bin", this.weights);
		Path folder = folders().folder(listing, this::lookUp);
		Files.delete(folder.resolve("w.bin"));
		Files.writeString(folder.resolve("w.bin"), "tampered");
		Files.writeString(folder.resolve("extra.bin"), "extra");

		Path rebuilt = folders().folder(listing, this::lookUp);

		assertThat(rebuilt).isEqualTo(folder);
		assertThat(Files.readString(rebuilt.resolve("w.bin"))).isEqualTo("weights content");
		assertThat(rebuilt.resolve("extra.bin")).doesNotExist();
	}

	@Test
	void refusesPathsThatAreNotRelativeAndNormalised() {
		for (String path : new String[] { "/abs", "../up", "a/../b", "./a", "a//b", "a\\b", "", "c:d" }) {
			assertThatIllegalArgumentException().as(path)
				.isThrownBy(() -> folders().folder(Map.of(path, this.weights), this::lookUp));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> folders().folder(Map.of("w.bin", "not a digest"), this::lookUp));
	}

	private ArtifactFolders folders() {
		return new ArtifactFolders(this.dir.resolve("folders"));
	}

	private Path lookUp(String sha256) {
		this.lookups.incrementAndGet();
		return this.stored.get(sha256);
	}

	private String put(String content) throws IOException {
		String sha256 = Sha256.ofUtf8(content);
		Path file = Files.writeString(Files.createDirectories(this.dir.resolve("store").resolve(sha256)).resolve("f"),
				content, StandardCharsets.UTF_8);
		this.stored.put(sha256, file);
		return sha256;
	}

}
