package dev.tango.admin.web;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Writes a double that is not a number, or is infinite, as JSON {@code null}, where
 * Jackson would write the string {@code "NaN"} in a numeric field: a rate with nothing
 * measured yet (a drift stream without observations) reads as missing, as it is.
 */
@Configuration(proxyBeanMethods = false)
class FiniteNumbersJson {

	@Bean
	JacksonModule finiteNumbersModule() {
		StdSerializer<Double> finite = new StdSerializer<>(Double.class) {

			@Override
			public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
				if (Double.isFinite(value)) {
					generator.writeNumber(value);
				}
				else {
					generator.writeNull();
				}
			}

		};
		return new SimpleModule("tango-finite-numbers").addSerializer(Double.class, finite)
			.addSerializer(Double.TYPE, finite);
	}

}
