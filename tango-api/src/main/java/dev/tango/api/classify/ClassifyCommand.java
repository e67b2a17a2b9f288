package dev.tango.api.classify;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;

/**
 * A request to classify inputs with a cascade.
 *
 * @param cascade the cascade's name
 * @param version the version the caller requires, or {@code null} for the one that serves
 * @param inputs the inputs, in order
 * @param probabilities whether each answer carries the probability of every label
 * @param truncate whether an input longer than a tier reads may be cut to fit; if
 * {@code false} such a request fails with {@link TokenLimitExceededException}
 * @param protocol the API the request came through, for metrics
 */
public record ClassifyCommand(String cascade, @Nullable String version, List<TextInput> inputs, boolean probabilities,
		boolean truncate, Protocol protocol) {

	public ClassifyCommand {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(protocol, "protocol");
		inputs = List.copyOf(inputs);
	}

	/**
	 * The API a request came through.
	 */
	public enum Protocol {

		/** {@code /v1}. */
		NATIVE,

		/** The Open Inference Protocol v2, {@code /v2}. */
		OIP

	}

}
