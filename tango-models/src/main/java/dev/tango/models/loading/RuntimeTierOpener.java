package dev.tango.models.loading;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Tier;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.lexical.LexicalTier;

/**
 * Opens tiers of the inference runtime from verified local files.
 * <p>
 * An exported classifier gets its labels and activation from the registry: the runtime
 * reads them from a {@code config.json}, which is written from the model version for the
 * moment the tier opens.
 */
final class RuntimeTierOpener implements TierOpener {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public Tier open(PreparedTier tier) throws IOException {
		return switch (tier.model().kind()) {
			case ENCODER_HEAD -> {
				HeadFile head = tier.requireHead();
				SentenceEncoder encoder = SentenceEncoder.open(head.requireEncoder(), tier.resolved().onnxModel(),
						tier.file(ArtifactRole.TOKENIZER), tier.options());
				yield EncoderLinearTier.of(tier.name(), head, encoder);
			}
			case LEXICAL -> LexicalTier.of(tier.name(), tier.requireHead());
			case ONNX_CLASSIFIER -> openClassifier(tier);
			case REMOTE_OIP -> throw new IllegalStateException("REMOTE_OIP models are not implemented by the runtime");
		};
	}

	private static Tier openClassifier(PreparedTier tier) throws IOException {
		Path config = Files.createTempFile("tango-classifier-", ".json");
		try {
			try (OutputStream out = Files.newOutputStream(config)) {
				JSON.writeValue(out, classifierConfig(tier.model().labels(), tier.activation()));
			}
			return OnnxClassifierTier.open(tier.name(), tier.resolved().onnxModel(), tier.file(ArtifactRole.TOKENIZER),
					config, tier.model().maxInputLength(), tier.tier().batchSize(), tier.options());
		}
		finally {
			Files.deleteIfExists(config);
		}
	}

	static ObjectNode classifierConfig(List<String> labels, Activation activation) {
		ObjectNode config = JSON.createObjectNode();
		ObjectNode id2label = config.putObject("id2label");
		for (int i = 0; i < labels.size(); i++) {
			id2label.put(Integer.toString(i), labels.get(i));
		}
		config.put("problem_type",
				(activation == Activation.SIGMOID) ? "multi_label_classification" : "single_label_classification");
		return config;
	}

}
