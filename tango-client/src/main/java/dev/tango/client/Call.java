package dev.tango.client;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One operation of the service, as {@link Transport} sends it.
 *
 * @param <T> the type of its answer
 * @param method {@code GET} or {@code POST}; a {@code GET} is idempotent
 * @param path the path below the base URI, with its segments encoded
 * @param body the JSON body, or {@code null} for none
 * @param headers headers of this call beyond those of every call (API key, content
 * negotiation)
 * @param answers the statuses whose body is the answer (200, and 503 for probes whose 503
 * says "not ready"); every other status is an error
 * @param reader reads an answer's body
 */
record Call<T>(String method, String path, byte @Nullable [] body, Map<String, String> headers, Set<Integer> answers,
		Reader<T> reader) {

	/**
	 * Copies the headers.
	 */
	Call {
		headers = Map.copyOf(headers);
	}

	boolean idempotent() {
		return "GET".equals(this.method);
	}

	/**
	 * Reads an answer.
	 *
	 * @param <T> the type of the answer
	 */
	@FunctionalInterface
	interface Reader<T> {

		/**
		 * Reads an answer.
		 * @param status its status, one of the call's answers
		 * @param body its body
		 * @return the answer
		 */
		T read(int status, byte[] body);

	}

}
