package dev.tango.bench.cascade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a cascade descriptor for head files fitted on the bundled encoders (or lexical
 * heads), cheapest first: bundled encoders by {@code classpath:} URI, heads by their path
 * relative to the descriptor's folder. Every tier but the last gets threshold 1 (every
 * input goes on, but those with confidence exactly 1) until {@code calibrate} chooses the
 * thresholds.
 */
public final class DescriptorBuilder {

	/** The names the registry accepts for models. */
	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private DescriptorBuilder() {
	}

	/** The formats written. */
	public enum Format {

		/** A model object per tier, as an earlier registry seeder read it. */
		REGISTRY,

		/**
		 * The runtime's {@code tango-cascade} format, which the registry seeds itself
		 * from.
		 */
		RUNTIME

	}

	/**
	 * One tier: a head file.
	 *
	 * @param file the head file
	 * @param head its content
	 * @param sha256 the file's sha256
	 */
	public record HeadTier(Path file, HeadFile head, String sha256) {

		/**
		 * Reads a head file.
		 * @param file the file
		 * @return the tier
		 * @throws IOException if the file cannot be read or is not a head file
		 */
		public static HeadTier read(Path file) throws IOException {
			return new HeadTier(file, HeadFiles.read(file), Sha256.of(file));
		}

		/**
		 * Returns the model's name: the file name without {@code .head.json} or
		 * {@code .json}.
		 * @return the name
		 */
		public String modelName() {
			String name = this.file.getFileName().toString();
			for (String suffix : List.of(".head.json", ".json")) {
				if (name.endsWith(suffix)) {
					return name.substring(0, name.length() - suffix.length());
				}
			}
			return name;
		}

	}

	/**
	 * Builds a descriptor.
	 * @param format the format
	 * @param name the cascade's name
	 * @param description a description for the registry, or {@code null}
	 * @param tiers the heads, cheapest first, at least one
	 * @param folder the folder the descriptor will be written to; head URIs are relative
	 * to it
	 * @param batchSize the batch size of every tier
	 * @return the descriptor's JSON
	 */
	public static ObjectNode build(Format format, String name, @Nullable String description, List<HeadTier> tiers,
			Path folder, int batchSize) {
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one head");
		}
		ObjectNode root = Json.MAPPER.createObjectNode();
		if (format == Format.RUNTIME) {
			root.put("format", CascadeDescriptor.FORMAT);
			root.put("version", CascadeDescriptor.VERSION);
		}
		root.put("name", name);
		if (description != null) {
			root.put("description", description);
		}
		ArrayNode array = root.putArray("tiers");
		for (int k = 0; k < tiers.size(); k++) {
			HeadTier tier = tiers.get(k);
			String headUri = relative(folder, tier.file());
			ObjectNode node = (format == Format.REGISTRY) ? registryTier(tier, headUri) : runtimeTier(tier, headUri);
			if (k < tiers.size() - 1) {
				node.put("threshold", 1.0);
			}
			node.put("batchSize", batchSize);
			array.add(node);
		}
		return root;
	}

	private static ObjectNode runtimeTier(HeadTier tier, String headUri) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("kind", tier.head().kind().id());
		node.put("name", tier.modelName());
		node.put("head", headUri);
		node.put("confidence", "max-probability");
		node.put("temperature", 1.0);
		return node;
	}

	private static ObjectNode registryTier(HeadTier tier, String headUri) {
		String modelName = tier.modelName();
		if (!MODEL_NAME.matcher(modelName).matches()) {
			throw new IllegalArgumentException("Head file name " + tier.file().getFileName()
					+ " does not make a model name of letters, digits, '.', '_' and '-'");
		}
		ObjectNode model = Json.MAPPER.createObjectNode();
		model.put("name", modelName);
		ObjectNode artifacts = Json.MAPPER.createObjectNode();
		HeadFile head = tier.head();
		switch (head.kind()) {
			case ENCODER_LINEAR -> {
				EncoderIdentity identity = head.requireEncoder();
				BundledEncoder encoder = BundledEncoder.byId(identity.id())
					.orElseThrow(() -> new IllegalArgumentException(
							"Head " + tier.file() + " was fitted on " + identity.id() + ", not a bundled encoder"));
				model.put("kind", "ENCODER_HEAD");
				artifacts.set("model", artifact(encoder.modelUri(), identity.onnxSha256()));
				artifacts.set("tokenizer", artifact(encoder.tokenizerUri(), encoder.tokenizerSha256()));
				artifacts.set("head", artifact(headUri, tier.sha256()));
				model.set("artifacts", artifacts);
				labels(model, head);
				model.put("maxInputLength", identity.maxTokens());
				model.put("pooling", identity.pooling().name());
				model.putObject("options").put("intraOpThreads", "1");
				model.put("description", identity.id() + " with a linear head" + trainedOn(head));
			}
			case LEXICAL_LINEAR -> {
				model.put("kind", "LEXICAL");
				artifacts.set("head", artifact(headUri, tier.sha256()));
				model.set("artifacts", artifacts);
				labels(model, head);
				model.put("maxInputLength", Integer.MAX_VALUE);
				model.put("description", "hashed word n-grams with a linear head" + trainedOn(head));
			}
		}
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.set("model", model);
		node.put("confidence", "MAX_PROBABILITY");
		node.put("temperature", 1.0);
		return node;
	}

	private static String trainedOn(HeadFile head) {
		return (head.training() != null) ? ", fitted on " + Path.of(head.training().dataset()).getFileName() + " ("
				+ head.training().rows() + " rows, sha256 " + head.training().datasetSha256() + ")" : "";
	}

	private static void labels(ObjectNode model, HeadFile head) {
		ArrayNode labels = model.putArray("labels");
		head.head().labels().forEach(labels::add);
	}

	private static ObjectNode artifact(String uri, String sha256) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("uri", uri);
		node.put("sha256", sha256.toLowerCase(Locale.ROOT));
		return node;
	}

	static String relative(Path folder, Path file) {
		Path from = Objects.requireNonNull(folder).toAbsolutePath().normalize();
		Path to = file.toAbsolutePath().normalize();
		return from.relativize(to).toString().replace('\\', '/');
	}

}
