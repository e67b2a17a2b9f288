package dev.tango.api.classify.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.tango.core.tier.TextInput;

/**
 * One input: a JSON string, or an object {@code {"text": "...", "pair": "..."}} for a
 * pair of texts. Nothing else is accepted: no numbers, no other fields.
 *
 * @param text the text
 * @param pair the second text of a pair, or {@code null}
 */
@Schema(description = "A text as a JSON string, or a pair of texts as an object",
		oneOf = { String.class, ClassifyInput.Pair.class })
@JsonDeserialize(using = ClassifyInput.Reader.class)
record ClassifyInput(String text, @Nullable String pair) {

	TextInput toTextInput() {
		return new TextInput(this.text, this.pair);
	}

	/**
	 * The object form of an input, for the OpenAPI description.
	 *
	 * @param text the text
	 * @param pair the second text, for tasks such as entailment or paraphrase detection
	 */
	@Schema(name = "TextPair", description = "A text, or a pair of texts")
	record Pair(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "A man is playing a guitar.") String text,
			@Schema(example = "A person plays music.") @Nullable String pair) {

	}

	/** Reads a string or a {@code {text, pair}} object, strictly. */
	static final class Reader extends ValueDeserializer<ClassifyInput> {

		private static final String EXPECTED = "an input is a string, or an object with a string 'text' and optionally a string 'pair'";

		@Override
		public ClassifyInput deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_STRING) {
				return new ClassifyInput(parser.getString(), null);
			}
			if (token != JsonToken.START_OBJECT) {
				return context.reportInputMismatch(ClassifyInput.class,
						"Found " + describe(token) + ", but " + EXPECTED);
			}
			String text = null;
			String pair = null;
			for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("text".equals(field) || "pair".equals(field)) {
					boolean nullPair = "pair".equals(field) && value == JsonToken.VALUE_NULL;
					if (value != JsonToken.VALUE_STRING && !nullPair) {
						return context.reportInputMismatch(ClassifyInput.class,
								"Field '" + field + "' is " + describe(value) + ", but " + EXPECTED);
					}
					if ("text".equals(field)) {
						text = parser.getString();
					}
					else if (!nullPair) {
						pair = parser.getString();
					}
				}
				else {
					return context.reportInputMismatch(ClassifyInput.class,
							"Unknown field '" + field + "': " + EXPECTED);
				}
			}
			if (text == null) {
				return context.reportInputMismatch(ClassifyInput.class, "Field 'text' is missing: " + EXPECTED);
			}
			return new ClassifyInput(text, pair);
		}

		private static String describe(@Nullable JsonToken token) {
			if (token == null) {
				return "nothing";
			}
			return switch (token) {
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
				case VALUE_TRUE, VALUE_FALSE -> "a boolean";
				case VALUE_NULL -> "null";
				case START_ARRAY -> "an array";
				case START_OBJECT -> "an object";
				default -> "a " + token.name().toLowerCase(java.util.Locale.ROOT);
			};
		}

	}

}
