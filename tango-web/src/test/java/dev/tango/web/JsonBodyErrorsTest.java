package dev.tango.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The details of unreadable bodies, from what Jackson throws reading real JSON.
 */
class JsonBodyErrorsTest {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** A body with a nested list of objects. */
	record Body(String name, int size, List<Item> items) {
	}

	/** One item. */
	record Item(boolean on) {
	}

	/** A body with a field of an enum type. */
	record Choice(Mode mode) {
	}

	/** The values of that field. */
	enum Mode {

		FAST, SAFE

	}

	/** A record read by a deserializer of its own, which says what it accepts. */
	@JsonDeserialize(using = Word.Reader.class)
	record Word(String text) {

		static final class Reader extends ValueDeserializer<Word> {

			@Override
			public Word deserialize(JsonParser parser, DeserializationContext context) {
				if (parser.currentToken() != JsonToken.VALUE_STRING) {
					return context.reportInputMismatch(Word.class, "A word is a string");
				}
				return new Word(parser.getString());
			}

		}

	}

	@Test
	void aSyntaxErrorNamesItsLineAndColumn() {
		assertThat(describe("{\"name\": \"a\",\n \"size\": }"))
			.startsWith("The body is not valid JSON (line 2, column ")
			.doesNotContain("Source");
		assertThat(describe("{\"items\": [{\"on\": true]}"))
			.isEqualTo("The body is not valid JSON (line 1, column 23): Unexpected close marker ']': expected '}'");
	}

	@Test
	void dataAfterTheValueIsNamedAsSuchWhateverTheValue() {
		JsonMapper strict = JSON.rebuild().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		for (Class<?> type : List.of(Body.class, JsonNode.class)) {
			JacksonException ex = catchThrowableOfType(JacksonException.class,
					() -> strict.readValue("{\"name\": \"a\", \"size\": 1, \"items\": []}\n {\"x\": 1}", type));
			assertThat(JsonBodyErrors.describe(ex))
				.isEqualTo("The body holds more than one JSON value: more follows the first (line 2, column 2)");
		}
	}

	@Test
	void anUnknownFieldIsNamedWithItsPath() {
		assertThat(describe("{\"name\": \"a\", \"items\": [{\"on\": true}, {\"on\": false, \"of\": true}]}"))
			.isEqualTo("Unknown field 'of' at $.items[1].of");
	}

	@Test
	void aValueOfTheWrongTypeSaysWhatWasExpected() {
		assertThat(describe("{\"size\": \"large\"}")).isEqualTo("Invalid value at $.size: expected a whole number");
		assertThat(describe("{\"items\": {\"on\": true}}")).isEqualTo("Invalid value at $.items: expected an array");
		assertThat(describe("{\"items\": [1]}")).isEqualTo("Invalid value at $.items[0]: expected an object");
		assertThat(describe("[]")).isEqualTo("Invalid value at $: expected an object");
		assertThat(describe("\"text\"")).isEqualTo("Invalid value at $: expected an object");
		JacksonException word = catchThrowableOfType(JacksonException.class,
				() -> JSON.readValue("[\"a\", 3]", new TypeReference<List<Word>>() {
				}));
		assertThat(JsonBodyErrors.describe(word)).isEqualTo("Invalid value at $[1]: A word is a string");
	}

	@Test
	void aLeftOutFieldOfAPrimitiveTypeIsNamedAsRequired() {
		assertThat(describe("{\"name\": \"a\"}"))
			.isEqualTo("Missing required field 'size' at $.size: expected a whole number");
		assertThat(describe("{\"name\": \"a\", \"size\": 1, \"items\": [{\"on\": true}, {}]}"))
			.isEqualTo("Missing required field 'on' at $.items[1].on: expected true or false");
		JacksonException fromTree = catchThrowableOfType(JacksonException.class,
				() -> JSON.treeToValue(JSON.readTree("{\"name\": \"a\"}"), Body.class));
		assertThat(JsonBodyErrors.describe(fromTree))
			.isEqualTo("Missing required field 'size' at $.size: expected a whole number");
	}

	@Test
	void aNullForAPrimitiveIsAValueOfTheWrongType() {
		assertThat(describe("{\"size\": null}")).isEqualTo("Invalid value at $.size: expected a whole number");
		assertThat(describe("{\"items\": [{\"on\": null}]}"))
			.isEqualTo("Invalid value at $.items[0].on: expected true or false");
	}

	@Test
	void aNumberOutOfRangeIsAnInvalidValueNotInvalidJson() {
		assertThat(describe("{\"size\": 99999999999}")).startsWith("Invalid value at $.size: ")
			.contains("out of range");
	}

	@Test
	void aLimitOfTheReaderIsNamedWithoutTheSettingItComesFrom() {
		String deep = "[".repeat(600) + "]".repeat(600);
		JacksonException ex = catchThrowableOfType(JacksonException.class, () -> JSON.readTree(deep));
		assertThat(JsonBodyErrors.describe(ex))
			.endsWith(": Document nesting depth (501) exceeds the maximum allowed (500)")
			.doesNotContain("StreamReadConstraints");
	}

	@Test
	void aValueNoEnumConstantNamesListsTheNamesWithoutTheClass() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> JSON.readValue("{\"mode\": \"SLOW\"}", Choice.class));
		assertThat(JsonBodyErrors.describe(ex))
			.isEqualTo("Invalid value at $.mode: \"SLOW\" is not one of [FAST, SAFE]");
		JacksonException number = catchThrowableOfType(JacksonException.class,
				() -> JSON.readValue("{\"mode\": 7}", Choice.class));
		assertThat(JsonBodyErrors.describe(number)).isEqualTo("Invalid value at $.mode: expected one of [FAST, SAFE]");
	}

	@Test
	void aTreeReadAsATypeNamesNoLineItDoesNotHave() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> JSON.treeToValue(JSON.readTree("{\"size\": 99999999999}"), Body.class));
		assertThat(JsonBodyErrors.describe(ex)).startsWith("Invalid value at $.size: ").doesNotContain("line");
	}

	private static String describe(String body) {
		JacksonException ex = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Body.class));
		return JsonBodyErrors.describe(ex);
	}

}
