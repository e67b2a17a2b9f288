package dev.tango.admin.registry.web;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.core.confidence.ConfidenceMeasure;

/**
 * Writes a confidence measure in JSON as its name ({@code "MAX_PROBABILITY"}), whatever
 * class implements it, so that plug-in measures read like the built-ins in the registry's
 * responses.
 */
@Configuration(proxyBeanMethods = false)
class ConfidenceMeasureJson {

	@Bean
	JacksonModule confidenceMeasureModule() {
		return module();
	}

	/**
	 * Returns the module that writes measures by name.
	 * @return a new module
	 */
	static SimpleModule module() {
		return new SimpleModule("tango-confidence-measures").addSerializer(ConfidenceMeasure.class,
				new StdSerializer<>(ConfidenceMeasure.class) {

					@Override
					public void serialize(ConfidenceMeasure measure, JsonGenerator generator,
							SerializationContext context) {
						generator.writeString(measure.name());
					}

				});
	}

}
