package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.file.Path;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;

/** The fp32 encoders from Maven Central, as files in the build's model cache. */
final class BundledModels {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	private BundledModels() {
	}

	static Path miniLm() throws IOException {
		return SOURCE.file(DefaultArtifactSource.CLASSPATH + "all-minilm-l6-v2.onnx", null);
	}

	static Path miniLmInt8() throws IOException {
		return SOURCE.file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null);
	}

	static Path bgeSmall() throws IOException {
		return SOURCE.file(BundledEncoder.BGE_SMALL_EN_V15.modelUri(), null);
	}

	static Path miniLmTokenizer() throws IOException {
		return SOURCE.file(DefaultArtifactSource.CLASSPATH + "all-minilm-l6-v2-tokenizer.json", null);
	}

}
