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
 * @param requestKey the caller's key for the request (header {@code Tango-Request-Key},
 * or the OIP parameter {@code request_key}), which keeps the requests that share it on
 * one version during a canary release; {@code null} if none was given
 */
public record ClassifyCommand(String cascade, @Nullable String version, List<TextInput> inputs, boolean probabilities,
		boolean truncate, Protocol protocol, @Nullable String requestKey) {

	/** The header that carries a request key. */
	public static final String REQUEST_KEY_HEADER = "Tango-Request-Key";

	public ClassifyCommand {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(protocol, "protocol");
		inputs = List.copyOf(inputs);
	}

	/**
	 * A request without a request key.
	 * @param cascade the cascade's name
	 * @param version the version the caller requires, or {@code null}
	 * @param inputs the inputs, in order
	 * @param probabilities whether each answer carries every label's probability
	 * @param truncate whether long inputs may be cut to fit
	 * @param protocol the API the request came through
	 */
	public ClassifyCommand(String cascade, @Nullable String version, List<TextInput> inputs, boolean probabilities,
			boolean truncate, Protocol protocol) {
		this(cascade, version, inputs, probabilities, truncate, protocol, null);
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
