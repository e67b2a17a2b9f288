package dev.tango.runtime.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierOpenException;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.onnx.edit.EncodedModel;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.runtime.onnx.edit.WireField;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opens an encoder-linear tier whose head ships its encoder as an initializer delta on
 * the bundled int8 MiniLM (one float tensor changed), through the normal cascade loader:
 * the delta is applied once and kept in the artifact cache, and refused with the file's
 * name when it does not match.
 */
class DeltaEncoderIT {

	private static final int TENSOR_DATA_TYPE = 2;

	private static final int TENSOR_RAW_DATA = 9;

	private static final int FLOAT = 1;

	@Test
	void appliesTheDeltaOnceAndServesTheChangedEncoder(@TempDir Path dir) throws Exception {
		CountingSource source = new CountingSource(new ArtifactCache(dir.resolve("cache")));
		Path descriptor = deltaTier(dir, source, "tweaked");
		List<TextInput> inputs = List.of(TextInput.of("a gripping, heartfelt film"), TextInput.of("dull and lifeless"));
		float[] first;
		try (LoadedCascade cascade = new CascadeLoader(source).load(descriptor)) {
			Tier tier = cascade.tiers().get(0).tier();
			first = tier.classify(inputs).get(0).logits();
		}
		assertThat(source.applied.get()).isEqualTo(1);
		try (LoadedCascade cascade = new CascadeLoader(source).load(descriptor)) {
			assertThat(cascade.tiers().get(0).tier().classify(inputs).get(0).logits()).containsExactly(first);
		}
		assertThat(source.applied.get()).as("the second open reads the kept model").isEqualTo(1);
		float[] unchanged;
		Path plain = dir.resolve("plain.cascade.json");
		try (InputStream in = DeltaEncoderIT.class.getResourceAsStream("/" + Sst2MiniLm.HEAD)) {
			Files.copy(in, dir.resolve("plain.head.json"));
		}
		Files.writeString(plain, descriptor("plain"));
		try (LoadedCascade cascade = new CascadeLoader(source).load(plain)) {
			unchanged = cascade.tiers().get(0).tier().classify(inputs).get(0).logits();
		}
		assertThat(first).isNotEqualTo(unchanged);
	}

	@Test
	void refusesATamperedDeltaAWrongBaseAndAMissingBase(@TempDir Path dir) throws Exception {
		CountingSource source = new CountingSource(new ArtifactCache(dir.resolve("cache")));
		Path descriptor = deltaTier(dir, source, "tampered");
		byte[] bytes = Files.readAllBytes(dir.resolve("tampered.delta"));
		bytes[bytes.length - 1] ^= 1;
		Files.write(dir.resolve("tampered.delta"), bytes);
		assertThatThrownBy(() -> new CascadeLoader(source).load(descriptor)).isInstanceOf(TierOpenException.class)
			.hasMessageContaining("tampered.delta")
			.hasMessageContaining("sha256");

		Path wrongBase = deltaTier(dir, source, "wrong-base");
		rewriteBase(dir.resolve("wrong-base.head.json"), BundledEncoder.BGE_SMALL_EN_V15.id());
		assertThatThrownBy(() -> new CascadeLoader(source).load(wrongBase)).isInstanceOf(TierOpenException.class)
			.hasMessageContaining("wrong-base.delta")
			.hasMessageContaining("not to its head's base bge-small-en-v1.5");

		Path missingBase = deltaTier(dir, source, "missing-base");
		rewriteBase(dir.resolve("missing-base.head.json"), "no-such-encoder");
		assertThatThrownBy(() -> new CascadeLoader(source).load(missingBase)).isInstanceOf(TierOpenException.class)
			.hasMessageContaining("missing-base.delta")
			.hasMessageContaining("no-such-encoder is not a bundled encoder");
	}

	/**
	 * Writes {@code <name>.delta} (one float initializer of the bundled int8 MiniLM
	 * scaled), a head naming it, and a one-tier descriptor of that head.
	 */
	private static Path deltaTier(Path dir, ArtifactSource source, String name) throws IOException {
		BundledEncoder base = BundledEncoder.ALL_MINILM_L6_V2_Q;
		EncodedModel model = EncodedModel.read(source.file(base.modelUri(), base.identity().onnxSha256()));
		Map.Entry<String, ByteString> tensor = model.initializers()
			.entrySet()
			.stream()
			.filter((entry) -> isFloatRaw(entry.getValue()))
			.reduce((a, b) -> b)
			.orElseThrow();
		Map<String, ByteString> changed = Map.of(tensor.getKey(), scaled(tensor.getValue()));
		String resultSha256 = model.withInitializers(changed).sha256();
		String deltaSha256 = new InitializerDelta(base.identity().onnxSha256(), resultSha256, changed)
			.write(dir.resolve(name + ".delta"));
		HeadFile head;
		try (InputStream in = DeltaEncoderIT.class.getResourceAsStream("/" + Sst2MiniLm.HEAD)) {
			head = HeadFiles.read(in, Sst2MiniLm.HEAD);
		}
		EncoderIdentity bundled = head.requireEncoder();
		EncoderIdentity identity = new EncoderIdentity(name, resultSha256, bundled.pooling(), bundled.normalize(),
				bundled.maxTokens(), bundled.dimension());
		HeadFiles.write(new HeadFile(head.kind(), head.head(), identity, null, null,
				new EncoderDelta(base.id(), name + ".delta", deltaSha256)), dir.resolve(name + ".head.json"));
		Path descriptor = dir.resolve(name + ".cascade.json");
		Files.writeString(descriptor, descriptor(name));
		return descriptor;
	}

	private static String descriptor(String name) {
		return """
				{ "format": "tango-cascade", "version": 1, "name": "%s",
				  "tiers": [ { "kind": "encoder-linear", "head": "%s.head.json" } ] }
				""".formatted(name, name);
	}

	private static void rewriteBase(Path headFile, String base) throws IOException {
		HeadFile head = HeadFiles.read(headFile);
		EncoderDelta delta = head.encoderDelta();
		HeadFiles.write(new HeadFile(head.kind(), head.head(), head.encoder(), null, null,
				new EncoderDelta(base, delta.file(), delta.sha256())), headFile);
	}

	private static boolean isFloatRaw(ByteString tensor) {
		try {
			boolean isFloat = false;
			boolean raw = false;
			for (WireField field : WireField.split(tensor)) {
				isFloat |= field.number() == TENSOR_DATA_TYPE && field.varint() == FLOAT;
				raw |= field.number() == TENSOR_RAW_DATA;
			}
			return isFloat && raw;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The tensor with every raw float32 value scaled by 1.5. */
	private static ByteString scaled(ByteString tensor) throws IOException {
		ByteString.Output out = ByteString.newOutput();
		for (WireField field : WireField.split(tensor)) {
			if (field.number() == TENSOR_RAW_DATA) {
				ByteBuffer values = ByteBuffer.wrap(field.payload().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < values.capacity(); i += 4) {
					values.putFloat(i, values.getFloat(i) * 1.5f);
				}
				WireField.of(TENSOR_RAW_DATA, ByteString.copyFrom(values.array())).encoded().writeTo(out);
			}
			else {
				field.encoded().writeTo(out);
			}
		}
		return out.toByteString();
	}

	/** The default source, counting the derived files it writes. */
	private static final class CountingSource implements ArtifactSource {

		private final DefaultArtifactSource delegate;

		private final AtomicInteger applied = new AtomicInteger();

		CountingSource(ArtifactCache cache) {
			this.delegate = new DefaultArtifactSource(cache, DeltaEncoderIT.class.getClassLoader());
		}

		@Override
		public InputStream open(String uri) throws IOException {
			return this.delegate.open(uri);
		}

		@Override
		public Path file(String uri, @Nullable String sha256) throws IOException {
			return this.delegate.file(uri, sha256);
		}

		@Override
		public Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
			return this.delegate.derived(fileName, sha256, (OutputStream out) -> {
				this.applied.incrementAndGet();
				content.writeTo(out);
			});
		}

	}

}
