package dev.tango.runtime.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
	void sweepsTheTemporaryFoldersAKilledProcessLeftButNotLiveOnesOnTheFirstWrite() throws IOException {
		Path folders = Files.createDirectories(this.dir.resolve("folders"));
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
		Path abandoned = Files.createDirectories(folders.resolve(".partial-1/data/deeper"));
		Files.writeString(abandoned.resolve("w.bin"), "half a file");
		Files.createSymbolicLink(folders.resolve(".partial-1/data/link-to-outside"), outside);
		Files.createSymbolicLink(folders.resolve(".partial-1/link-to-precious"), precious);
		age(folders.resolve(".partial-1"));
		// Old, but a file was added inside it a moment ago: still being assembled.
		Path live = Files.createDirectories(folders.resolve(".partial-2/data"));
		age(folders.resolve(".partial-2"));
		Files.writeString(live.resolve("new.bin"), "just written");
		Path fresh = Files.createDirectories(folders.resolve(".partial-3"));
		Path notPartial = Files.createDirectories(folders.resolve("kept"));
		age(notPartial);
		ArtifactFolders folderStore = folders();

		folderStore.folder(Map.of("model.onnx", this.model), this::lookUp);

		assertThat(folders.resolve(".partial-1")).doesNotExist();
		assertThat(live).isDirectory();
		assertThat(fresh).isDirectory();
		assertThat(notPartial).isDirectory();
		assertThat(precious).hasContent("keep me");
		Path later = Files.createDirectories(folders.resolve(".partial-4"));
		age(later);
		folderStore.folder(Map.of("other.onnx", this.model), this::lookUp);
		assertThat(later).as("swept on the first write only").isDirectory();
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

	/**
	 * Makes everything in a tree, links themselves included, untouched for longer than
	 * abandoned.
	 */
	private static void age(Path root) throws IOException {
		FileTime old = FileTime.from(Instant.now().minus(Partials.ABANDONED).minus(Duration.ofMinutes(1)));
		try (Stream<Path> tree = Files.walk(root)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
					.setTimes(old, null, null);
			}
		}
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
