package dev.tango.runtime.cascade;

import java.util.Objects;

import dev.tango.runtime.onnx.OrtOptions;
import org.jspecify.annotations.Nullable;

/**
 * One tier of a cascade descriptor, as written (URIs not yet resolved).
 *
 * @param kind the kind of tier
 * @param name the tier's name, or {@code null} to derive one from its artifacts
 * @param head the head file's URI ({@code encoder-linear}, {@code lexical-linear})
 * @param model the ONNX model's URI ({@code onnx-classifier}; optional for
 * {@code encoder-linear}, which defaults to the bundled encoder the head names)
 * @param tokenizer the {@code tokenizer.json} URI (as {@code model})
 * @param config the {@code config.json} URI ({@code onnx-classifier})
 * @param modelSha256 the model's expected SHA-256 ({@code onnx-classifier}, optional)
 * @param maxTokens the input limit in tokens ({@code onnx-classifier}, optional)
 * @param onnxRuntime the ONNX Runtime settings (ignored by {@code lexical-linear})
 * @param batchSize the batch size, or {@code null} for the tier's preferred one
 * @param settings the routing settings; its batch size is a placeholder when
 * {@code batchSize} is {@code null}
 */
public record TierDescriptor(TierKind kind, @Nullable String name, @Nullable String head, @Nullable String model,
		@Nullable String tokenizer, @Nullable String config, @Nullable String modelSha256, @Nullable Integer maxTokens,
		OrtOptions onnxRuntime, @Nullable Integer batchSize, TierSettings settings) {

	public TierDescriptor {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(onnxRuntime, "onnxRuntime");
		Objects.requireNonNull(settings, "settings");
	}

}
