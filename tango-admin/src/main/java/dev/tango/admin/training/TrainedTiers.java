package dev.tango.admin.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.tango.admin.registry.ModelRegistration;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.UnicodeText;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.Pooling;
import dev.tango.train.finetune.ExportedTier;

/**
 * Registers the tiers a training job exported ({@link ExportedTier}: float32 and int8) as
 * {@code encoder-linear} model versions whose artifacts are the exported files, each
 * checked and digested, with the run's provenance as {@code training.*} options (ignored
 * when loading) read from the export's {@code training.json}, which is registered by URI
 * and sha256 too.
 */
@Component
public class TrainedTiers {

	/** The prefix of the provenance options. */
	public static final String OPTION_PREFIX = "training.";

	private static final int MAX_OPTION = 2048;

	private final ModelRegistration registration;

	private final JsonMapper json;

	TrainedTiers(ModelRegistration registration, JsonMapper json) {
		this.registration = registration;
		this.json = json;
	}

	/**
	 * Registers the exported tiers.
	 * @param files the exported files
	 * @param model the name of the float32 tier's model; the int8 tier's is
	 * {@code <model>-int8}
	 * @param int8 whether to register the int8 tier
	 * @param datasetSha256 the digest of the whole labelled data trained on (the rows
	 * before the held-out split)
	 * @param description free text, or {@code null}
	 * @param actor who registers them
	 * @return the registered versions, float32 first
	 * @throws IOException if an exported file cannot be read
	 */
	public List<ModelVersion> register(ExportedTier files, String model, boolean int8, String datasetSha256,
			@Nullable String description, String actor) throws IOException {
		Map<String, String> options = provenance(files.provenance(), datasetSha256);
		ArtifactRef tokenizer = ref(files.tokenizer());
		ModelVersion fp32 = register(model, files.head(), files.model(), tokenizer, options, description, actor);
		if (!int8) {
			return List.of(fp32);
		}
		return List.of(fp32,
				register(model + "-int8", files.int8Head(), files.int8Model(), tokenizer, options, description, actor));
	}

	private ModelVersion register(String model, Path headFile, Path modelFile, ArtifactRef tokenizer,
			Map<String, String> options, @Nullable String description, String actor) throws IOException {
		HeadFile head = HeadFiles.read(headFile);
		EncoderIdentity encoder = head.requireEncoder();
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		artifacts.put(ArtifactRole.HEAD, ref(headFile));
		// the head names the exported model by the digest TierExport computed as it wrote
		// it
		artifacts.put(ArtifactRole.MODEL, new ArtifactRef(modelFile.toUri().toString(), encoder.onnxSha256()));
		artifacts.put(ArtifactRole.TOKENIZER, tokenizer);
		List<String> labels = head.head().labels();
		return this.registration.register(new NewModelVersion(model, "encoder-linear", artifacts, Label.of(labels),
				encoder.maxTokens(), Pooling.valueOf(encoder.pooling().name()), options, description, actor), true);
	}

	/** The run's provenance as options, each value within the registry's limit. */
	private Map<String, String> provenance(Path file, String datasetSha256) throws IOException {
		JsonNode run = this.json.readTree(file.toFile());
		Map<String, String> options = new LinkedHashMap<>();
		options.put("datasetSha256", datasetSha256);
		Map.of("dataset", "/data/dataset", "base", "/base/id", "seed", "/hyperParameters/seed", "steps",
				"/result/steps", "resumedFromStep", "/result/resumedFromStep", "heldOutAccuracy",
				"/result/heldOutAccuracy", "wallSeconds", "/cost/wallSeconds")
			.forEach((name, pointer) -> {
				JsonNode value = run.at(pointer);
				if (value.isValueNode()) {
					options.put(name, value.asString());
				}
			});
		options.put("hyperParameters", this.json.writeValueAsString(run.get("hyperParameters")));
		ArtifactRef provenance = ref(file);
		options.put("provenance", provenance.uri());
		options.put("provenanceSha256", provenance.sha256());
		Map<String, String> prefixed = new TreeMap<>();
		options.forEach((name, value) -> prefixed.put(OPTION_PREFIX + name, UnicodeText.abbreviate(value, MAX_OPTION)));
		return prefixed;
	}

	private static ArtifactRef ref(Path file) throws IOException {
		return new ArtifactRef(file.toUri().toString(), Sha256.of(file));
	}

}
