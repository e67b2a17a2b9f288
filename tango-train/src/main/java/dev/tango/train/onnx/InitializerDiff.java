package dev.tango.train.onnx;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

	/**
	 * Finds the initializers in which a trained model differs from a published model of
	 * the same graph that stores it in another layout: the same nodes (operator, domain,
	 * inputs, outputs) in another order, and the same initializers (name, type, shape) in
	 * another order or encoding. This is how a tier quantised as the published int8
	 * encoders are ({@link DynamicQuantization.WeightRange#REDUCED}) ships as a delta on
	 * the published int8 file: applied, the delta gives the published file with the
	 * trained values, which computes what the trained model computes but is not its file
	 * byte for byte. An initializer whose values equal the published one's, however
	 * encoded, is not stored.
	 * @param published the model the delta applies to
	 * @param trained the trained model
	 * @return the delta, whose result is the published file with the trained values
	 * @throws IllegalArgumentException if the models' nodes or initializers (names,
	 * types, shapes) differ
	 * @throws IOException if a model cannot be read or encoded
	 */
	public static InitializerDelta onto(OnnxModel published, OnnxModel trained) throws IOException {
		if (!new HashSet<>(published.initializers()).equals(new HashSet<>(trained.initializers()))) {
			throw new IllegalArgumentException("the models' initializers differ in names, types or shapes");
		}
		if (!nodes(published).equals(nodes(trained))) {
			throw new IllegalArgumentException("the models' graphs differ in their nodes");
		}
		Map<String, ByteString> changed = new LinkedHashMap<>();
		for (Initializer initializer : published.initializers()) {
			ByteString before = published.initializerBytes(initializer.name()).orElseThrow();
			ByteString after = trained.initializerBytes(initializer.name()).orElseThrow();
			if (!TensorCodec.sameValues(before, after)) {
				changed.put(initializer.name(), after);
			}
		}
		return new InitializerDelta(published.sha256(), published.withInitializerBytes(changed).sha256(), changed);
	}

	/** The graph's nodes without their names, counted, in no order. */
	private static Map<List<Object>, Long> nodes(OnnxModel model) {
		return model.nodes()
			.stream()
			.collect(Collectors.groupingBy(
					(node) -> List.of(node.opType(), node.domain(), node.inputs(), node.outputs()),
					Collectors.counting()));
	}

}
