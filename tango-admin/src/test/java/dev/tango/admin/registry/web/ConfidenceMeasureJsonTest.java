package dev.tango.admin.registry.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.models.registry.Gate;

import static org.assertj.core.api.Assertions.assertThat;

class ConfidenceMeasureJsonTest {

	private final JsonMapper json = JsonMapper.builder().addModule(ConfidenceMeasureJson.module()).build();

	@Test
	void writesBuiltInAndPlugInMeasuresByName() {
		ConfidenceMeasure plugIn = new ConfidenceMeasure() {

			@Override
			public String name() {
				return "LEAST_OF_TOP_TWO";
			}

			@Override
			public double of(double[] probabilities) {
				return 0.5;
			}

		};

		assertThat(this.json.writeValueAsString(new Gate(0.9, ConfidenceMeasure.ENTROPY, 1.5)))
			.isEqualTo("{\"threshold\":0.9,\"measure\":\"ENTROPY\",\"temperature\":1.5}");
		assertThat(this.json.writeValueAsString(new Gate(0.8, plugIn, 1.0)))
			.isEqualTo("{\"threshold\":0.8,\"measure\":\"LEAST_OF_TOP_TWO\",\"temperature\":1.0}");
	}

}
