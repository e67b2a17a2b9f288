package dev.tango.client.oip;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An output an inference request asks for.
 *
 * @param name {@code label}, {@code confidence}, {@code tier} or {@code probabilities}
 * @param parameters its parameters, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestedOutput(String name, @Nullable Map<String, Object> parameters) {

	/**
	 * Checks the name.
	 * @throws NullPointerException if the name is {@code null}
	 */
	public RequestedOutput {
		Objects.requireNonNull(name, "name");
	}

}
