package dev.tango.models.registry;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.confidence.ConfidenceMeasures;

/**
 * Stores a confidence measure as its {@link ConfidenceMeasure#name() name} and reads it
 * back through {@link ConfidenceMeasures#of}, so that plug-in measures need no enum in
 * the schema's mapping.
 */
@Converter
class ConfidenceMeasureConverter implements AttributeConverter<ConfidenceMeasure, String> {

	@Override
	public @Nullable String convertToDatabaseColumn(@Nullable ConfidenceMeasure measure) {
		return (measure != null) ? measure.name() : null;
	}

	@Override
	public @Nullable ConfidenceMeasure convertToEntityAttribute(@Nullable String name) {
		return (name != null) ? ConfidenceMeasures.of(name) : null;
	}

}
