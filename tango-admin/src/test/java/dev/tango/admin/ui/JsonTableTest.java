package dev.tango.admin.ui;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTableTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void nestedValuesAreRowsNamedByTheirPathAndNullsHaveNone() {
		JsonTable table = JsonTable.of(this.json.readTree("""
				{"cascade": "sst2", "version": null, "policy": {"name": "accuracy-budget", "maxDrop": 0.005},
				 "batchSizes": [1, 8, 32], "activate": false,
				 "tiers": [{"threshold": 0.9}, {"threshold": null}]}
				"""));

		assertThat(table.rows()).containsExactly(new JsonTable.Row("cascade", "sst2"),
				new JsonTable.Row("policy.name", "accuracy-budget"), new JsonTable.Row("policy.maxDrop", "0.005"),
				new JsonTable.Row("batchSizes", "1, 8, 32"), new JsonTable.Row("activate", "false"),
				new JsonTable.Row("tiers[0].threshold", "0.9"));
		assertThat(table.omitted()).isZero();
	}

	@Test
	void rowsPastTheLimitAreCountedNotShown() {
		StringBuilder points = new StringBuilder("{\"curve\": [");
		for (int i = 0; i < 150; i++) {
			points.append((i > 0) ? "," : "").append("{\"t\": ").append(i).append(", \"a\": 0.5}");
		}
		JsonTable table = JsonTable.of(this.json.readTree(points.append("]}").toString()));

		assertThat(table.rows()).hasSize(JsonTable.LIMIT);
		assertThat(table.rows().get(JsonTable.LIMIT - 1)).isEqualTo(new JsonTable.Row("curve[99].a", "0.5"));
		assertThat(table.omitted()).isEqualTo(100);
	}

	@Test
	void nothingIsAnEmptyTable() {
		assertThat(JsonTable.of(null).isEmpty()).isTrue();
		assertThat(JsonTable.of(this.json.readTree("null")).isEmpty()).isTrue();
		assertThat(JsonTable.of(this.json.readTree("{}")).isEmpty()).isTrue();
	}

}
