package dev.tango.client.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of a classification request. Options left {@code null} are not sent, so the
 * service's defaults apply: no probabilities, and inputs longer than a tier reads are
 * truncated.
 *
 * @param inputs the inputs, in order; the service wants at least one
 * @param probabilities whether every label's probability is returned, or {@code null} for
 * the default ({@code false})
 * @param truncate whether an input longer than a tier reads is cut to fit, or the request
 * refused with 422 ({@code false}); {@code null} for the default ({@code true})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifyRequest(List<TextInput> inputs, @Nullable Boolean probabilities, @Nullable Boolean truncate) {

	/**
	 * Copies the inputs.
	 * @throws NullPointerException if the inputs or one of them is {@code null}
	 */
	public ClassifyRequest {
		inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
	}

	/**
	 * A request for texts, with the default options.
	 * @param texts the texts
	 * @return the request
	 */
	public static ClassifyRequest of(String... texts) {
		return of(Arrays.asList(texts));
	}

	/**
	 * A request for texts, with the default options.
	 * @param texts the texts
	 * @return the request
	 */
	public static ClassifyRequest of(List<String> texts) {
		return new ClassifyRequest(texts.stream().map(TextInput::of).toList(), null, null);
	}

	/**
	 * A request for inputs that may be pairs, with the default options.
	 * @param inputs the inputs
	 * @return the request
	 */
	public static ClassifyRequest ofInputs(List<TextInput> inputs) {
		return new ClassifyRequest(inputs, null, null);
	}

	/**
	 * This request, asking for every label's probability.
	 * @return a new request
	 */
	public ClassifyRequest withProbabilities() {
		return new ClassifyRequest(this.inputs, true, this.truncate);
	}

	/**
	 * This request, with inputs longer than a tier reads truncated ({@code true}) or
	 * refused with 422 ({@code false}).
	 * @param truncate whether to truncate
	 * @return a new request
	 */
	public ClassifyRequest withTruncate(boolean truncate) {
		return new ClassifyRequest(this.inputs, this.probabilities, truncate);
	}

}
