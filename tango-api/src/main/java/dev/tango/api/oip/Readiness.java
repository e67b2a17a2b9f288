package dev.tango.api.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The readiness of the server or of a model in the Open Inference Protocol.
 *
 * @param name the model's name; absent for the server
 * @param ready whether it serves
 */
@Schema(name = "ReadyResponse",
		description = "Whether the server (every active cascade) or a model (a version of the cascade) serves; the model's name for a model")
@JsonInclude(JsonInclude.Include.NON_NULL)
record Readiness(@Schema(description = "The model's name; absent for the server",
		example = "sst2-sentiment") @Nullable String name, boolean ready) {

}
