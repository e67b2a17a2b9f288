package dev.tango.bench.triton;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import dev.tango.bench.OptionChecks;
import dev.tango.bench.cascade.CascadeOptions;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.batching.BatchingSettings;
import dev.tango.core.tier.Activation;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.remote.RemoteOipKind;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code triton-repository}: writes a Triton model repository entry for one
 * {@code onnx-classifier} or {@code encoder-linear} tier of a cascade descriptor (by
 * default its last, the costly one): {@code OUT/NAME/1/model.onnx} with its external data
 * (for an {@code encoder-linear} tier, its encoder and head joined into one graph by
 * {@link dev.tango.train.onnx.EncoderClassifierGraph}), {@code OUT/NAME/config.pbtxt}
 * describing the model's real inputs and outputs (read by ONNX Runtime) with
 * {@code max_batch_size} and dynamic batching, and {@code OUT/NAME/remote-tier.json}, the
 * {@code remote-oip} tier spec that reaches it (token ids through the tier's tokenizer,
 * logits, its labels), to put in the cascade in place of the local tier.
 */
@Command(name = "triton-repository", mixinStandardHelpOptions = true,
		description = { "Writes a Triton model repository entry (model.onnx, config.pbtxt) for an onnx-classifier "
				+ "or encoder-linear tier of a cascade, and the remote-oip tier spec that reaches it." })
public final class TritonRepositoryCommand implements Callable<Integer> {

	/**
	 * The inputs a {@code remote-oip} tier with a tokenizer sends: {@code token_type_ids}
	 * only to a model whose metadata lists it, as Triton's does for a model that reads
	 * it.
	 */
	static final Set<String> SENT_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	@Mixin
	CascadeOptions cascade;

	@Option(names = "--tier", description = "the tier's index, from 0 (default: the last tier)")
	@Nullable Integer tier;

	@Option(names = "--out", required = true, description = "the model repository folder (created if missing)")
	Path out;

	@Option(names = "--name", description = "the model's name in the repository (default: the tier's name)")
	@Nullable String name;

	@Option(names = "--max-queue-delay-micros",
			description = "how long Triton may hold a request to fill a batch (default: the tier's maxBatchDelay, "
					+ "else the batching engine's default, 2 ms)")
	@Nullable Long maxQueueDelayMicros;

	@Option(names = "--instances", defaultValue = "1",
			description = "model instances per Triton server (default ${DEFAULT-VALUE})")
	int instances;

	@Option(names = "--cpu", description = "run the instances on CPUs (default: on GPUs)")
	boolean cpu;

	@Option(names = "--endpoint", defaultValue = "http://triton:8000",
			description = "the Triton server's HTTP address, written into remote-tier.json (default ${DEFAULT-VALUE})")
	String endpoint;

	@Override
	public Integer call() throws IOException {
		OptionChecks.atLeastOne("--instances", this.instances);
		if (this.maxQueueDelayMicros != null) {
			OptionChecks.notNegative("--max-queue-delay-micros", this.maxQueueDelayMicros);
		}
		requireHttpAddress(this.endpoint);
		List<TierSpec> tiers = this.cascade.read().descriptor().tiers();
		int index = (this.tier != null) ? this.tier : tiers.size() - 1;
		if (index < 0 || index >= tiers.size()) {
			throw new IllegalArgumentException("--tier must be from 0 to " + (tiers.size() - 1) + ", was " + index);
		}
		TierSpec spec = tiers.get(index);
		ServedTier served;
		try {
			served = ServedTier.of(spec, this.cascade.source());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Tier " + index + " (" + spec.kind() + "): " + ex.getMessage(), ex);
		}
		String modelName = modelName(spec, served);
		Path folder = this.out.resolve(modelName);
		if (Files.exists(folder)) {
			throw new IllegalArgumentException(folder + " exists: remove it or give another --name");
		}
		int batchSize = (this.cascade.batchSize() != null) ? this.cascade.batchSize()
				: (spec.batchSize() != null) ? spec.batchSize() : served.batchSize();
		Duration tierDelay = spec.maxBatchDelay().isZero() ? BatchingSettings.DEFAULT.maxDelay() : spec.maxBatchDelay();
		long delay = (this.maxQueueDelayMicros != null) ? this.maxQueueDelayMicros : tierDelay.toNanos() / 1000;
		boolean outExisted = Files.exists(this.out);
		ModelSignature signature;
		TritonModelConfig triton;
		try {
			signature = ModelSignature.read(served.writer().write(folder.resolve("1")));
			if (signature.outputs().stream().noneMatch((output) -> output.name().equals(OnnxClassifierTier.OUTPUT))) {
				throw new IllegalArgumentException(
						"Model " + served.source() + " has no output '" + OnnxClassifierTier.OUTPUT + "' (it has "
								+ signature.outputs() + "): it is not a sequence classifier");
			}
			triton = new TritonModelConfig(modelName, signature, batchSize, delay, this.instances, !this.cpu);
			Files.writeString(folder.resolve("config.pbtxt"), triton.pbtxt());
			Json.write(remoteTier(modelName, spec, served, batchSize, index == tiers.size() - 1),
					folder.resolve("remote-tier.json"));
		}
		catch (IOException | RuntimeException ex) {
			TextFiles.deleteTree(outExisted ? folder : this.out);
			throw ex;
		}
		System.out.printf("Wrote %s: %s, inputs %s, outputs %s, %s%n", folder, served.source(), signature.inputs(),
				signature.outputs(), triton.batched() ? "max_batch_size " + batchSize + " with dynamic batching"
						: "no batching (the model's leading dimensions are fixed)");
		List<String> unsent = signature.inputNames().stream().filter((input) -> !SENT_INPUTS.contains(input)).toList();
		if (!unsent.isEmpty()) {
			System.out.printf("Note: the model also reads %s, which a remote-oip tier does not send: export it "
					+ "without those inputs to serve it this way%n", unsent);
		}
		System.out.printf("Reach it with the remote-oip tier in %s%n", folder.resolve("remote-tier.json"));
		return 0;
	}

	private String modelName(TierSpec spec, ServedTier served) {
		String modelName = (this.name != null) ? this.name : spec.nameOr(served.defaultName());
		if (!MODEL_NAME.matcher(modelName).matches()) {
			throw new IllegalArgumentException("Model name '" + modelName
					+ "' must be letters, digits, . _ - (at most 128), as an OIP endpoint's path: give --name");
		}
		return modelName;
	}

	private ObjectNode remoteTier(String modelName, TierSpec spec, ServedTier served, int batchSize, boolean last) {
		ObjectNode tier = Json.MAPPER.createObjectNode();
		tier.put("kind", RemoteOipKind.NAME);
		tier.put("name", modelName);
		tier.put("model", this.endpoint.replaceAll("/+$", "") + "/v2/models/" + modelName);
		tier.put("tokenizer", served.tokenizerUri());
		tier.put("labels", String.join(",", served.labels()));
		tier.put("output", OnnxClassifierTier.OUTPUT);
		tier.put("scores", "logits");
		tier.put("activation", served.activation() == Activation.SIGMOID ? "sigmoid" : "softmax");
		if (served.maxTokens() != null) {
			tier.put("maxTokens", served.maxTokens().toString());
		}
		tier.put("batchSize", batchSize);
		if (!last) {
			tier.put("threshold", spec.settings().threshold());
		}
		return tier;
	}

	private static void requireHttpAddress(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("--endpoint " + endpoint + " is not a URI: " + ex.getReason(), ex);
		}
		if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException("--endpoint " + endpoint
					+ " must be an http or https address with a host, such as http://triton:8000");
		}
	}

}
