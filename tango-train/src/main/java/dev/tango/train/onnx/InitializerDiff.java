package dev.tango.train.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.runtime.onnx.edit.OnnxFormatException;

/**
 * Computes the {@link InitializerDelta} of a trained model against its base: the
 * initializers whose encoded tensors differ. Stateless.
 */
public final class InitializerDiff {

	private InitializerDiff() {
	}

	/**
	 * Finds the initializers in which a trained model differs from its base.
	 * @param base the base model
	 * @param trained the trained model
	 * @return the delta, which applied to {@code base} gives {@code trained} byte for
	 * byte
	 * @throws IllegalArgumentException if the models differ in more than initializer
	 * values (initializer names or order, nodes, any other field)
	 * @throws OnnxFormatException if a model cannot be encoded
	 */
	public static InitializerDelta between(OnnxModel base, OnnxModel trained) throws OnnxFormatException {
		List<Initializer> names = base.initializers();
		if (!names.stream()
			.map(Initializer::name)
			.toList()
			.equals(trained.initializers().stream().map(Initializer::name).toList())) {
			throw new IllegalArgumentException("the models' initializers differ in names or order");
		}
		Map<String, ByteString> changed = new LinkedHashMap<>();
		for (Initializer initializer : names) {
			ByteString before = base.initializerBytes(initializer.name()).orElseThrow();
			ByteString after = trained.initializerBytes(initializer.name()).orElseThrow();
			if (!before.equals(after)) {
				changed.put(initializer.name(), after);
			}
		}
		String resultSha256 = trained.sha256();
		if (!base.withInitializerBytes(changed).sha256().equals(resultSha256)) {
			throw new IllegalArgumentException("the models differ in more than initializer values");
		}
		return new InitializerDelta(base.sha256(), resultSha256, changed);
	}

}
