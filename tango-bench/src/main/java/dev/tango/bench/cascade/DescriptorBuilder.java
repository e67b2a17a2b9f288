package dev.tango.bench.cascade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasures;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a cascade descriptor, in the runtime's {@value CascadeDescriptor#FORMAT} format,
 * for head files (encoder or lexical heads), cheapest first: heads by their path relative
 * to the descriptor's folder, each encoder head opening the bundled encoder its file
 * names or the delta on a bundled encoder it names ({@code <name>.delta.head.json}), or,
 * for an encoder that is not bundled (a fine-tuned one), the model
 * {@code <tier name>.onnx} and the {@code tokenizer.json} that lie beside the head file,
 * as {@code fine-tune} writes them. Every tier but the last gets threshold 1 (every input
 * goes on, but those with confidence exactly 1) until {@code calibrate} chooses the
 * thresholds.
 */
public final class DescriptorBuilder {

	/** The tokenizer file beside the head of an encoder that is not bundled. */
	private static final String TOKENIZER = "tokenizer.json";

	private DescriptorBuilder() {
	}

	/**
	 * One tier: a head file.
	 *
	 * @param file the head file
	 * @param head its content
	 */
	public record HeadTier(Path file, HeadFile head) {

		/**
		 * Reads a head file.
		 * @param file the file
		 * @return the tier
		 * @throws IOException if the file cannot be read or is not a head file
		 */
		public static HeadTier read(Path file) throws IOException {
			return new HeadTier(file, HeadFiles.read(file));
		}

		/**
		 * Returns the tier's name: the file name without {@code .delta.head.json},
		 * {@code .head.json} or {@code .json}.
		 * @return the name
		 */
		public String modelName() {
			String name = this.file.getFileName().toString();
			for (String suffix : List.of(".delta.head.json", ".head.json", ".json")) {
				if (name.endsWith(suffix)) {
					return name.substring(0, name.length() - suffix.length());
				}
			}
			return name;
		}

	}

	/**
	 * Builds a descriptor.
	 * @param name the cascade's name
	 * @param description a description for the registry, or {@code null}
	 * @param tiers the heads, cheapest first, at least one
	 * @param folder the folder the descriptor will be written to; head URIs are relative
	 * to it
	 * @param batchSize the batch size of every tier
	 * @param displayNames the names answers show, by label identifier, for some or all of
	 * the heads' labels; empty for none. When given, the descriptor lists the cascade's
	 * {@code labels} with them.
	 * @return the descriptor's JSON
	 * @throws IllegalArgumentException if a display name names no label of the heads
	 */
	public static ObjectNode build(String name, @Nullable String description, List<HeadTier> tiers, Path folder,
			int batchSize, Map<String, String> displayNames) {
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one head");
		}
		ObjectNode root = Json.MAPPER.createObjectNode();
		root.put("format", CascadeDescriptor.FORMAT);
		root.put("version", CascadeDescriptor.VERSION);
		root.put("name", name);
		if (description != null) {
			root.put("description", description);
		}
		if (!displayNames.isEmpty()) {
			root.set("labels", labels(tiers.get(0).head().head().labels(), displayNames));
		}
		ArrayNode array = root.putArray("tiers");
		for (int k = 0; k < tiers.size(); k++) {
			HeadTier tier = tiers.get(k);
			ObjectNode node = tier(tier, folder);
			if (k < tiers.size() - 1) {
				node.put("threshold", 1.0);
			}
			node.put("batchSize", batchSize);
			array.add(node);
		}
		return root;
	}

	private static ArrayNode labels(List<String> ids, Map<String, String> displayNames) {
		List<String> unknown = displayNames.keySet().stream().filter((id) -> !ids.contains(id)).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(
					"Display names for " + unknown + ", which are not labels of the heads: " + ids);
		}
		ArrayNode labels = Json.MAPPER.createArrayNode();
		for (String id : ids) {
			String displayName = displayNames.get(id);
			if (displayName == null) {
				labels.add(id);
			}
			else {
				labels.addObject().put("id", id).put("displayName", displayName);
			}
		}
		return labels;
	}

	private static ObjectNode tier(HeadTier tier, Path folder) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("kind", tier.head().kind().id());
		node.put("name", tier.modelName());
		node.put("head", relative(folder, tier.file()));
		EncoderIdentity encoder = tier.head().encoder();
		if (encoder != null && tier.head().encoderDelta() == null && BundledEncoder.byId(encoder.id()).isEmpty()) {
			Path beside = tier.file().toAbsolutePath().getParent();
			Path model = beside.resolve(tier.modelName() + ".onnx");
			Path tokenizer = beside.resolve(TOKENIZER);
			if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
				throw new IllegalArgumentException("The head " + tier.file() + " is fitted on encoder " + encoder.id()
						+ ", which is not bundled: its model " + model.getFileName() + " and " + TOKENIZER
						+ " must lie beside it");
			}
			node.put("model", relative(folder, model));
			node.put("tokenizer", relative(folder, tokenizer));
		}
		node.put("confidence", ConfidenceMeasures.id(ConfidenceMeasure.MAX_PROBABILITY));
		node.put("temperature", 1.0);
		return node;
	}

	/**
	 * Returns the URI of a file relative to a folder, as descriptors write it: forward
	 * slashes, both paths made absolute and normalized first.
	 * @param folder the folder the URI is read from
	 * @param file the file
	 * @return the relative URI, such as {@code ../heads/a.head.json}
	 */
	public static String relative(Path folder, Path file) {
		Path from = Objects.requireNonNull(folder).toAbsolutePath().normalize();
		Path to = file.toAbsolutePath().normalize();
		return from.relativize(to).toString().replace('\\', '/');
	}

}
