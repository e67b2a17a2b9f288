package dev.tango.admin.job;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the parameters stored with a job back as its kind's type. A submission refuses
 * fields its kind does not know
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties}), so that a
 * misplaced setting is an error rather than silently ignored; read back, a field the type
 * no longer has (a job queued before an upgrade removed it) is ignored, so that the job
 * still runs or downloads.
 */
public final class StoredParameters {

	private StoredParameters() {
	}

	/**
	 * Reads stored parameters.
	 * @param <P> the parameters' type
	 * @param json the application's mapper
	 * @param stored the parameters as stored with the job
	 * @param type the kind's parameter type
	 * @return the parameters
	 * @throws tools.jackson.core.JacksonException if they cannot be read as that type
	 */
	public static <P> P read(JsonMapper json, JsonNode stored, Class<P> type) {
		return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(stored);
	}

}
