package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.classifier.TinyOnnxClassifierAccess;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeLoaderIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@TempDir
	Path dir;

	@Test
	void opensALexicalAnEncoderAndAClassifierTier() throws IOException {
		LexicalSpec lexical = LexicalSpec.defaults().withBucketBits(16);
		HeadFiles.write(new HeadFile(HeadKind.LEXICAL_LINEAR,
				new LinearHead(List.of("0", "1"), new float[2][lexical.buckets()], new float[] { -0.1f, 0.1f }), null,
				lexical, null), this.dir.resolve("lexical.json"));
		copyBundledMiniLmHead(this.dir.resolve("minilm.json"));
		Path model = Files.createDirectories(this.dir.resolve("tiny"));
		new TinyOnnxClassifierAccess().write(model.resolve("model.onnx"));
		Files.copy(SOURCE.file(BundledEncoder.ALL_MINILM_L6_V2_Q.tokenizerUri(), null),
				model.resolve("tokenizer.json"));
		Files.writeString(model.resolve("config.json"), "{\"id2label\": {\"0\": \"0\", \"1\": \"1\"}}");
		Path descriptor = Files.writeString(this.dir.resolve("cascade.json"),
				"""
						{"format": "tango-cascade", "version": 1, "name": "sst2-test",
						 "tiers": [
						   {"kind": "lexical-linear", "head": "lexical.json", "threshold": 0.9},
						   {"kind": "encoder-linear", "head": "minilm.json", "threshold": 0.8, "batchSize": 16,
						    "model": "classpath:all-minilm-l6-v2-q.onnx", "tokenizer": "classpath:all-minilm-l6-v2-q-tokenizer.json",
						    "onnxRuntime": {"optimization": "all", "concurrency": 1}},
						   {"kind": "onnx-classifier", "directory": "tiny", "confidence": "entropy"}
						 ]}""");
		try (LoadedCascade cascade = new CascadeLoader(SOURCE).load(descriptor)) {
			assertThat(cascade.tiers()).extracting((t) -> (Object) t.tier().getClass())
				.containsExactly(LexicalTier.class, EncoderLinearTier.class,
						dev.tango.runtime.classifier.OnnxClassifierTier.class);
			assertThat(cascade.tiers()).extracting((t) -> t.tier().name())
				.containsExactly("lexical+lexical", "all-minilm-l6-v2-q+minilm", "tiny");
			assertThat(cascade.tiers()).extracting((t) -> t.settings().batchSize()).containsExactly(64, 16, 16);
			for (LoadedTier tier : cascade.tiers()) {
				List<Scores> scores = tier.tier().classify(List.of(TextInput.of("a great movie"), TextInput.of("")));
				assertThat(scores).hasSize(2);
				assertThat(tier.tier().labels()).containsExactlyInAnyOrder("0", "1");
			}
		}
	}

	@Test
	void refusesAModelThatIsNotTheOneTheHeadWasFittedOn() throws IOException {
		copyBundledMiniLmHead(this.dir.resolve("minilm.json"));
		Path descriptor = Files.writeString(this.dir.resolve("cascade.json"),
				"""
						{"format": "tango-cascade", "version": 1, "name": "mismatch",
						 "tiers": [{"kind": "encoder-linear", "head": "minilm.json",
						            "model": "classpath:bge-small-en-v1.5.onnx", "tokenizer": "classpath:bge-small-en-v1.5-tokenizer.json"}]}""");
		assertThatThrownBy(() -> new CascadeLoader(SOURCE).load(descriptor)).isInstanceOf(IOException.class)
			.hasMessageContaining("Tier 1 (encoder-linear)")
			.hasMessageContaining("sha256");
	}

	/**
	 * Copies the SST-2 head of the int8 MiniLM encoder (fitted by tango-train; see
	 * {@link Sst2MiniLm}).
	 */
	private static void copyBundledMiniLmHead(Path target) throws IOException {
		String resource = Sst2MiniLm.HEAD;
		try (InputStream in = CascadeLoaderIT.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
