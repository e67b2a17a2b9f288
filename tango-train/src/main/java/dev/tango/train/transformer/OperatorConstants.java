package dev.tango.train.transformer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.train.onnx.GraphConstants;
import dev.tango.train.onnx.OnnxModel;

/**
 * Reads the two dimensions of a BERT encoder that its ONNX graph keeps in its operators
 * rather than in the shapes of its initializers: the layer-norm epsilon and the number of
 * attention heads.
 *
 * <p>
 * <b>Epsilon</b>: a {@code LayerNormalization} node's {@code epsilon} attribute (the
 * operator's default, {@value #LAYER_NORMALIZATION_DEFAULT_EPSILON}, when unset), or for
 * a layer normalisation the exporter decomposed, the constant added to the variance: the
 * {@code Add} of a {@code ReduceMean} and a scalar constant that feeds a {@code Sqrt}.
 * Every layer normalisation must have the same epsilon.
 *
 * <p>
 * <b>Heads</b>: from the {@code Reshape}s that split a projection into heads, whose
 * target shape has four entries, the last two constants {@code heads, headSize} with
 * {@code heads × headSize} the hidden size; the shape is a constant, or a {@code Concat}
 * of one-element pieces of which those two are constants (the batch and token counts are
 * computed from the input). Every such reshape must agree.
 *
 * <p>
 * A graph without either is refused with an {@link OnnxFormatException} saying what was
 * looked for. Stateless.
 */
final class OperatorConstants {

	static final double LAYER_NORMALIZATION_DEFAULT_EPSILON = 1e-5;

	private OperatorConstants() {
	}

	/**
	 * Reads the layer-norm epsilon.
	 * @param model the encoder's graph
	 * @param constants its constants
	 * @return the epsilon, positive
	 * @throws OnnxFormatException if the graph has no layer normalisation whose epsilon
	 * can be read, or several epsilons
	 */
	static float layerNormEpsilon(OnnxModel model, GraphConstants constants) throws OnnxFormatException {
		Map<String, GraphNode> producers = producers(model);
		SortedSet<Float> found = new TreeSet<>();
		for (GraphNode node : model.nodes()) {
			if (node.opType().equals("LayerNormalization")) {
				double epsilon = constants.attribute(node, "epsilon")
					.map((values) -> values[0])
					.orElse(LAYER_NORMALIZATION_DEFAULT_EPSILON);
				found.add((float) epsilon);
			}
			else if (node.opType().equals("Sqrt") && !node.inputs().isEmpty()) {
				GraphNode add = producers.get(node.inputs().get(0));
				if (add != null && add.opType().equals("Add") && add.inputs().size() == 2) {
					addedToVariance(add, producers, constants).ifPresent(found::add);
				}
			}
		}
		if (found.isEmpty()) {
			throw new OnnxFormatException("The graph has no layer normalisation whose epsilon can be read: neither a "
					+ "LayerNormalization node nor a decomposed one (ReduceMean, then Add of a scalar constant, then Sqrt)");
		}
		if (found.size() > 1) {
			throw new OnnxFormatException(
					"The graph's layer normalisations have different epsilons " + found + "; the encoder has one");
		}
		return found.first();
	}

	/**
	 * Reads the number of attention heads.
	 * @param model the encoder's graph
	 * @param constants its constants
	 * @param hidden the hidden size, from the initializers' shapes
	 * @return the heads, dividing {@code hidden}
	 * @throws OnnxFormatException if no reshape splits a projection into heads of
	 * constant size, or two disagree
	 */
	static int heads(OnnxModel model, GraphConstants constants, int hidden) throws OnnxFormatException {
		Map<String, GraphNode> producers = producers(model);
		SortedSet<Integer> found = new TreeSet<>();
		for (GraphNode node : model.nodes()) {
			if (node.opType().equals("Reshape") && node.inputs().size() >= 2) {
				double[] shape = targetShape(node.inputs().get(1), producers, constants);
				if (shape.length == 4 && shape[2] >= 1 && shape[3] >= 1 && shape[2] * shape[3] == hidden) {
					found.add((int) shape[2]);
				}
			}
		}
		if (found.isEmpty()) {
			throw new OnnxFormatException(
					"The graph has no Reshape into (batch, tokens, heads, headSize) with constant "
							+ "heads and headSize multiplying to the hidden size " + hidden
							+ ": the number of attention heads cannot be read");
		}
		if (found.size() > 1) {
			throw new OnnxFormatException("The graph's attention reshapes disagree on the number of heads: " + found);
		}
		return found.first();
	}

	/**
	 * Returns the constant of an {@code Add(ReduceMean(…), constant)}, the epsilon of a
	 * decomposed layer normalisation.
	 */
	private static Optional<Float> addedToVariance(GraphNode add, Map<String, GraphNode> producers,
			GraphConstants constants) {
		for (int i = 0; i < 2; i++) {
			GraphNode variance = producers.get(add.inputs().get(i));
			Optional<double[]> constant = constants.value(add.inputs().get(1 - i));
			if (variance != null && variance.opType().equals("ReduceMean") && constant.isPresent()
					&& constant.get().length == 1) {
				return Optional.of((float) constant.get()[0]);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns a reshape's target shape, NaN for the entries that are not constants, or an
	 * empty array when its length cannot be told.
	 */
	private static double[] targetShape(String value, Map<String, GraphNode> producers, GraphConstants constants) {
		Optional<double[]> whole = constants.value(value);
		if (whole.isPresent()) {
			return whole.get();
		}
		GraphNode concat = producers.get(value);
		if (concat == null || !concat.opType().equals("Concat")) {
			return new double[0];
		}
		List<String> pieces = concat.inputs();
		double[] shape = new double[pieces.size()];
		for (int i = 0; i < shape.length; i++) {
			Optional<double[]> piece = constants.value(pieces.get(i));
			if (piece.isPresent() && piece.get().length != 1) {
				return new double[0];
			}
			shape[i] = piece.map((values) -> values[0]).orElse(Double.NaN);
		}
		return shape;
	}

	private static Map<String, GraphNode> producers(OnnxModel model) {
		Map<String, GraphNode> producers = new HashMap<>();
		for (GraphNode node : model.nodes()) {
			node.outputs().forEach((output) -> producers.put(output, node));
		}
		return producers;
	}

}
