package dev.tango.train.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.GraphFields;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.NodeCodec;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Cuts a BERT-style encoder graph down to its first layers: the shallow student of a
 * distillation starts as the teacher's bottom layers.
 * <p>
 * Layers are found by node name, as Hugging Face exports name them
 * ({@code /encoder/layer.3/attention/self/query/MatMul}); nodes outside any layer
 * (embeddings, attention mask, pooling) are kept. The nodes of the dropped layers go, and
 * so do the initializers, graph inputs and value information that only they used. The
 * value that the last kept layer hands to the next one is renamed to what the last layer
 * produced, so the graph's outputs keep their names and serving code stays the same.
 * Stateless.
 */
public final class EncoderTruncation {

	private static final Pattern LAYER = Pattern.compile("/encoder/layer\\.(\\d+)/");

	private EncoderTruncation() {
	}

	/**
	 * Counts the layers of an encoder graph.
	 * @param model the encoder
	 * @return the number of layers, 0 if no node is named as a layer's
	 */
	public static int layerCount(OnnxModel model) {
		int count = 0;
		for (GraphNode node : model.nodes()) {
			count = Math.max(count, layer(node) + 1);
		}
		return count;
	}

	/**
	 * Keeps the first layers of an encoder.
	 * @param model the encoder
	 * @param layers how many layers to keep, from 1 to all of them
	 * @return the truncated encoder; the same model if all layers are kept
	 * @throws IllegalArgumentException if {@code layers} is out of range
	 * @throws OnnxFormatException if the layers do not hand one value each to the next
	 */
	public static OnnxModel firstLayers(OnnxModel model, int layers) throws OnnxFormatException {
		int count = layerCount(model);
		if (layers < 1 || layers > count) {
			throw new IllegalArgumentException("the encoder has " + count + " layers; cannot keep " + layers);
		}
		if (layers == count) {
			return model;
		}
		String kept = layerOutput(model, layers - 1);
		String last = layerOutput(model, count - 1);
		Set<String> used = new HashSet<>();
		for (GraphNode node : model.nodes()) {
			if (layer(node) < layers) {
				used.addAll(node.inputs());
				used.addAll(node.outputs());
			}
		}
		used.remove(kept);
		used.add(last);
		used.addAll(model.inputs());
		used.addAll(model.outputs());
		try {
			List<WireField> fields = new ArrayList<>();
			for (WireField field : model.graphFields()) {
				WireField edited = edit(field, layers, kept, last, used);
				if (edited != null) {
					fields.add(edited);
				}
			}
			return model.withGraphFields(fields);
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("the graph cannot be rewritten: " + ex.getMessage());
		}
	}

	/** Returns the field as it stays, or null if it goes. */
	private static WireField edit(WireField field, int layers, String kept, String last, Set<String> used)
			throws IOException {
		switch (field.number()) {
			case GraphFields.NODE -> {
				GraphNode node = NodeCodec.describe(field.payload());
				if (layer(node) >= layers) {
					return null;
				}
				if (node.inputs().contains(kept) || node.outputs().contains(kept)) {
					ByteString renamed = NodeCodec.rename(field.payload(), kept, last);
					return WireField.of(GraphFields.NODE, renamed);
				}
				return field;
			}
			case GraphFields.INITIALIZER -> {
				return used.contains(TensorCodec.describe(field.payload()).name()) ? field : null;
			}
			case GraphFields.INPUT, GraphFields.VALUE_INFO -> {
				return used.contains(GraphFields.valueName(field)) ? field : null;
			}
			default -> {
				return field;
			}
		}
	}

	/**
	 * Finds the one value a layer produces for nodes outside it or for the graph's
	 * outputs.
	 */
	private static String layerOutput(OnnxModel model, int index) throws OnnxFormatException {
		Set<String> produced = new HashSet<>();
		for (GraphNode node : model.nodes()) {
			if (layer(node) == index) {
				produced.addAll(node.outputs());
			}
		}
		TreeSet<String> leaving = new TreeSet<>();
		for (GraphNode node : model.nodes()) {
			if (layer(node) != index) {
				node.inputs().stream().filter(produced::contains).forEach(leaving::add);
			}
		}
		model.outputs().stream().filter(produced::contains).forEach(leaving::add);
		if (leaving.size() != 1) {
			throw new OnnxFormatException(
					"layer " + index + " hands " + leaving + " to the rest of the graph, not one value");
		}
		return leaving.first();
	}

	/** Returns the node's layer, or -1 if it belongs to none. */
	private static int layer(GraphNode node) {
		Matcher matcher = LAYER.matcher(node.name());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

}
