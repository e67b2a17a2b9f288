package dev.tango.train.finetune;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import ai.djl.nn.Parameter;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.TrainingProvenance;
import dev.tango.runtime.io.AtomicFiles;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.onnx.DynamicQuantization;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.transformer.EncoderClassifier;
import dev.tango.train.transformer.OnnxEncoderWeights;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a trained classifier as the runtime serves it (see {@link ExportedTier}): the
 * encoder's graph with the trained initializers and nothing else changed, its int8
 * quantisation ({@link DynamicQuantization.WeightRange#REDUCED}, as the bundled int8
 * encoders), the tokenizer, the head for each, the provenance and one-tier descriptors.
 */
final class TierExport {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private TierExport() {
	}

	/**
	 * Exports a classifier.
	 * @param classifier the trained classifier
	 * @param graph the graph its encoder was loaded from
	 * @param weights the mapping of that graph
	 * @param tokenizer the encoder's tokenizer file
	 * @param provenance how it was trained
	 * @param distillation how it was distilled from a teacher, recorded in its heads, or
	 * {@code null}
	 * @param folder the folder to write into, created if missing; files of the same name
	 * are replaced
	 * @return the files
	 * @throws IOException if a file cannot be written
	 */
	static ExportedTier write(EncoderClassifier classifier, OnnxModel graph, OnnxEncoderWeights weights, Path tokenizer,
			FineTuneProvenance provenance, @Nullable Distillation distillation, Path folder) throws IOException {
		Files.createDirectories(folder);
		String name = provenance.name();
		ExportedTier files = ExportedTier.in(folder, name);
		OnnxModel trained = graph.withInitializers(weights.export(classifier.encoder()).values());
		String modelSha256 = trained.write(files.model());
		String int8Sha256 = DynamicQuantization.quantize(trained, DynamicQuantization.WeightRange.REDUCED)
			.write(files.int8Model());
		Files.copy(tokenizer, files.tokenizer(), StandardCopyOption.REPLACE_EXISTING);
		LinearHead head = head(classifier, provenance.labels());
		TrainingProvenance headProvenance = headProvenance(provenance, distillation);
		EncoderIdentity base = provenance.base();
		writeTier(files.head(), files.cascade(), files.model(), modelSha256, name, base, head, headProvenance);
		writeTier(files.int8Head(), files.int8Cascade(), files.int8Model(), int8Sha256, name + "-int8", base, head,
				headProvenance);
		provenance.write(files.provenance());
		return files;
	}

	private static void writeTier(Path headFile, Path cascadeFile, Path model, String modelSha256, String id,
			EncoderIdentity base, LinearHead head, TrainingProvenance provenance) throws IOException {
		EncoderIdentity identity = new EncoderIdentity(id, modelSha256, base.pooling(), base.normalize(),
				base.maxTokens(), base.dimension());
		HeadFiles.write(new HeadFile(HeadKind.ENCODER_LINEAR, head, identity, null, provenance), headFile);
		ObjectNode root = MAPPER.createObjectNode();
		root.put("format", CascadeDescriptor.FORMAT);
		root.put("version", CascadeDescriptor.VERSION);
		root.put("name", id);
		ObjectNode tier = root.putArray("tiers").addObject();
		tier.put("kind", HeadKind.ENCODER_LINEAR.id());
		tier.put("name", id);
		tier.put("head", headFile.getFileName().toString());
		tier.put("model", model.getFileName().toString());
		tier.put("tokenizer", ExportedTier.TOKENIZER);
		tier.put("batchSize", EncoderLinearTier.DEFAULT_BATCH_SIZE);
		AtomicFiles.replace(cascadeFile, (temp) -> {
			try (OutputStream out = Files.newOutputStream(temp)) {
				MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
			}
		});
	}

	/**
	 * Returns the classifier's head as the runtime's linear head: weights {@code [C][H]}.
	 */
	static LinearHead head(EncoderClassifier classifier, List<String> labels) {
		Map<String, Parameter> parameters = classifier.headParameters();
		float[] flat = parameters.get("classifier.weight").getArray().toFloatArray();
		float[] bias = parameters.get("classifier.bias").getArray().toFloatArray();
		int hidden = flat.length / bias.length;
		float[][] weights = new float[bias.length][hidden];
		for (int c = 0; c < bias.length; c++) {
			System.arraycopy(flat, c * hidden, weights[c], 0, hidden);
		}
		return new LinearHead(labels, weights, bias);
	}

	private static TrainingProvenance headProvenance(FineTuneProvenance run, @Nullable Distillation distillation) {
		TrainingSettings settings = run.settings();
		String optimizer = String.format(
				"encoder %s fine-tuned end to end from a linear probe: AdamW (lr %s, warm-up %s, linear decay,"
						+ " weight decay %s, clip %s), batch %d, dropout %s, %d steps, best held-out at step %d",
				run.base().id(), settings.learningRate(), settings.warmupFraction(), settings.weightDecay(),
				settings.maxGradientNorm(), settings.batchSize(), run.dropout(), run.training().steps(),
				run.training().bestStep());
		return new TrainingProvenance(run.dataset(), run.datasetSha256(), run.rows(), run.heldOutRows(),
				settings.seed(), settings.weightDecay(), List.of(settings.weightDecay()),
				run.training().bestHeldOutAccuracy(), Double.NaN, optimizer, run.command(), run.timestamp(),
				run.libraries(), distillation);
	}

}
