package dev.tango.train.finetune;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.nn.Parameter;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.TrainingProvenance;
import dev.tango.runtime.io.AtomicFiles;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.onnx.DynamicQuantization;
import dev.tango.train.onnx.InitializerDiff;
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
 * encoders), the tokenizer, the head for each, the provenance and one-tier descriptors;
 * and when the graph is a bundled encoder's, the float32 encoder as an initializer delta
 * on it ({@link ExportedDelta}), and the int8 encoder as one on the int8 model published
 * beside it, each with its own head and descriptor.
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
	 * @param publishedInt8 the int8 model published beside the bundled encoder the graph
	 * is, or {@code null} when the graph is not a bundled encoder's (cut to fewer layers)
	 * @param tokenizer the encoder's tokenizer file
	 * @param provenance how it was trained
	 * @param distillation how it was distilled from a teacher, recorded in its heads, or
	 * {@code null}
	 * @param folder the folder to write into, created if missing; files of the same name
	 * are replaced
	 * @return the files
	 * @throws IOException if a file cannot be written
	 */
	static ExportedTier write(EncoderClassifier classifier, OnnxModel graph, OnnxEncoderWeights weights,
			@Nullable Path publishedInt8, Path tokenizer, FineTuneProvenance provenance,
			@Nullable Distillation distillation, Path folder) throws IOException {
		Files.createDirectories(folder);
		String name = provenance.name();
		ExportedTier files = ExportedTier.in(folder, name);
		OnnxModel trained = graph.withInitializers(weights.export(classifier.encoder()).values());
		String modelSha256 = trained.write(files.model());
		OnnxModel int8 = DynamicQuantization.quantize(trained, DynamicQuantization.WeightRange.REDUCED);
		String int8Sha256 = int8.write(files.int8Model());
		Files.copy(tokenizer, files.tokenizer(), StandardCopyOption.REPLACE_EXISTING);
		LinearHead head = head(classifier, provenance.labels());
		TrainingProvenance headProvenance = headProvenance(provenance, distillation);
		EncoderIdentity base = provenance.base();
		HeadFile fp32 = encoderHead(name, modelSha256, base, head, headProvenance);
		writeTier(fp32, files.head(), files.cascade(), files.model());
		HeadFile int8Head = encoderHead(name + "-int8", int8Sha256, base, head, headProvenance);
		writeTier(int8Head, files.int8Head(), files.int8Cascade(), files.int8Model());
		String graphSha256 = graph.sha256();
		BundledEncoder bundled = Arrays.stream(BundledEncoder.values())
			.filter((candidate) -> candidate.identity().onnxSha256().equals(graphSha256))
			.findFirst()
			.orElse(null);
		if (bundled == null) {
			provenance.write(files.provenance(), List.of());
			return files;
		}
		ExportedDelta delta = writeDelta(InitializerDiff.between(graph, trained), bundled, fp32, folder, name);
		BundledEncoder int8Base = bundled.publishedInt8().orElse(null);
		ExportedDelta int8Delta = (int8Base != null && publishedInt8 != null)
				? writeDelta(InitializerDiff.onto(OnnxModel.read(publishedInt8), int8), int8Base, int8Head, folder,
						name + "-int8")
				: null;
		provenance.write(files.provenance(), (int8Delta != null) ? List.of(delta, int8Delta) : List.of(delta));
		return files.withDeltas(delta, int8Delta);
	}

	/**
	 * Writes an encoder as a delta on a bundled encoder, with a head and a one-tier
	 * descriptor that use it: the head is the given one with its encoder's sha256 that of
	 * the delta's result, which is the trained file itself for a float32 delta and the
	 * published int8 file with the trained values for an int8 one.
	 * @return the files
	 */
	private static ExportedDelta writeDelta(InitializerDelta delta, BundledEncoder base, HeadFile served, Path folder,
			String name) throws IOException {
		Path file = ExportedDelta.file(folder, name);
		String sha256 = delta.write(file);
		EncoderDelta source = new EncoderDelta(base.id(), file.getFileName().toString(), sha256);
		EncoderIdentity encoder = served.requireEncoder();
		EncoderIdentity result = new EncoderIdentity(encoder.id(), delta.resultSha256(), encoder.pooling(),
				encoder.normalize(), encoder.maxTokens(), encoder.dimension());
		HeadFile head = new HeadFile(served.kind(), served.head(), result, null, served.training(), source);
		ExportedDelta exported = new ExportedDelta(file, sha256, base, delta.changed().size(),
				ExportedDelta.head(folder, name), ExportedDelta.cascade(folder, name));
		writeTier(head, exported.head(), exported.cascade(), null);
		return exported;
	}

	private static HeadFile encoderHead(String id, String modelSha256, EncoderIdentity base, LinearHead head,
			TrainingProvenance provenance) {
		EncoderIdentity identity = new EncoderIdentity(id, modelSha256, base.pooling(), base.normalize(),
				base.maxTokens(), base.dimension());
		return new HeadFile(HeadKind.ENCODER_LINEAR, head, identity, null, provenance);
	}

	/**
	 * Writes a head file and a one-tier descriptor of it; without a model, the tier's
	 * encoder is the one its head names (bundled, or a delta on a bundled one).
	 */
	private static void writeTier(HeadFile content, Path headFile, Path cascadeFile, @Nullable Path model)
			throws IOException {
		String id = content.requireEncoder().id();
		HeadFiles.write(content, headFile);
		ObjectNode root = MAPPER.createObjectNode();
		root.put("format", CascadeDescriptor.FORMAT);
		root.put("version", CascadeDescriptor.VERSION);
		root.put("name", id);
		ObjectNode tier = root.putArray("tiers").addObject();
		tier.put("kind", HeadKind.ENCODER_LINEAR.id());
		tier.put("name", id);
		tier.put("head", headFile.getFileName().toString());
		if (model != null) {
			tier.put("model", model.getFileName().toString());
			tier.put("tokenizer", ExportedTier.TOKENIZER);
		}
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
