package dev.tango.api.classify.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of a classification request.
 *
 * @param inputs the inputs, in order: strings, or {@code {text, pair}} objects
 * @param probabilities whether to return every label's probability
 * @param truncate whether an input longer than a tier reads is cut to fit (the default)
 * or refused with 422
 */
@Schema(name = "ClassifyRequest", description = "Inputs to classify, and options")
record ClassifyRequest(
		@ArraySchema(arraySchema = @Schema(description = "The inputs, in order: at least one",
				requiredMode = Schema.RequiredMode.REQUIRED, example = "[\"A gripping, beautifully shot film.\"]"),
				schema = @Schema(implementation = ClassifyInput.class)) @Nullable List<@Nullable ClassifyInput> inputs,
		@Schema(description = "Return the probability of every label",
				defaultValue = "false") @Nullable Boolean probabilities,
		@Schema(description = "Cut an input longer than a tier reads to fit (true), or refuse the request with 422 (false)",
				defaultValue = "true") @Nullable Boolean truncate) {

}
