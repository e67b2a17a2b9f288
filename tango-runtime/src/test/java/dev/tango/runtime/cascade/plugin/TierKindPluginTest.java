package dev.tango.runtime.cascade.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.testsupport.CascadeFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tier kind that main code does not know, registered in this module's test resources,
 * is found, checked, opened and served like the built-in ones.
 */
class TierKindPluginTest {

	private final CascadeFolder folder;

	TierKindPluginTest(@TempDir Path dir) {
		this.folder = new CascadeFolder(dir);
	}

	@Test
	void theInstalledKindsAreTheBuiltInOnesAndThePlugIn() {
		assertThat(TierKinds.installed().names()).containsExactly("encoder-linear", "lexical-linear", "onnx-classifier",
				"remote-oip", "test-keywords");
	}

	@Test
	void aCascadeOfAPlugInKindLoadsAndClassifies() throws IOException {
		Files.writeString(this.folder.dir().resolve("weak.rules"), "neg: bad awful\npos: good great\n");
		Files.writeString(this.folder.dir().resolve("strong.rules"),
				"neg: bad awful dull boring\npos: good great fun\n");
		Path descriptor = this.folder.descriptor("keywords", """
				{"kind": "test-keywords", "name": "weak", "rules": "weak.rules", "threshold": 0.85},
				{"kind": "test-keywords", "name": "strong", "rules": "strong.rules", "batchSize": 2,
				"weight": 3}""");
		try (LoadedCascade loaded = this.folder.loader().load(descriptor)) {
			assertThat(loaded.tiers()).extracting((tier) -> tier.tier().name()).containsExactly("weak", "strong");
			assertThat(loaded.tiers()).extracting((tier) -> tier.settings().batchSize()).containsExactly(4, 2);
			assertThat(loaded.tiers()).extracting((tier) -> tier.threadsPerCall()).containsExactly(1, 1);
			CascadeResult result = new Cascade(loaded.stages())
				.classify(List.of(TextInput.of("good great good fun"), TextInput.of("a dull film")), false);
			assertThat(result.predictions()).extracting(Prediction::label).containsExactly("pos", "neg");
			assertThat(result.predictions()).extracting(Prediction::tier).containsExactly(0, 1);
		}
	}

	@Test
	void thePlugInChecksItsOwnSpec() throws IOException {
		Path descriptor = this.folder.descriptor("keywords", """
				{"kind": "test-keywords", "head": "weak.json"}""");
		assertThatThrownBy(() -> this.folder.loader().load(descriptor)).isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("$.tiers[0].head: not used by a test-keywords tier");
	}

}
