package dev.tango.bench.load;

import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadReportTest {

	private static LoadPoint point(ServiceConfiguration configuration, int clients, double perSecond, long p50,
			long p99) {
		return new LoadPoint(configuration, clients,
				new LatencySummary(100, 0, perSecond, p50, p99, 12_000_000, 2_000_000));
	}

	@Test
	void tableHasOneRowPerPointAndRatiosSayWhichTargetsAreMet() {
		List<LoadPoint> points = List.of(point(ServiceConfiguration.BATCHING, 1, 40, 20_000_000, 30_000_000),
				point(ServiceConfiguration.BATCHING, 32, 95, 300_000_000, 1_000_000_000L),
				point(ServiceConfiguration.UNBATCHED, 1, 45, 18_000_000, 25_000_000),
				point(ServiceConfiguration.UNBATCHED, 32, 60, 500_000_000, 900_000_000),
				point(ServiceConfiguration.LAST_TIER, 32, 90, 330_000_000, 500_000_000));
		// c1 = 1/400 s, c2 = 1/100 s, e = 0.5: bound = 0.01 / (0.0025 + 0.005) = 1.33x
		OfflineReference offline = new OfflineReference(100, 400, 100, 0.5, 9_000_000);
		assertThat(offline.idealSpeedup()).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
		LoadReport report = new LoadReport(points, offline, 32);
		String table = report.table();
		assertThat(table.lines()).hasSize(2 + points.size());
		assertThat(table).contains(
				"| (a) cascade, dynamic batching | 32 | 95.0 | 300.000 ms | 1000.000 ms | 12.000 ms | 2.000 ms | 100 | 0 |");
		String ratios = report.ratios();
		assertThat(ratios).contains("(a) at 32 clients / offline cascade: 95.00% (target at least 90%: met)")
			.contains(
					"(a)/(c) at 32 clients: 1.06x against the bound 1.33x, 79.17% of it (target at least 90%: not met)")
			.contains("CPU time: offline cascade 9.000 ms per input; (a) at 32 clients 12.000 ms per request, all of "
					+ "the service's work included (offline / served: 75.00%)")
			.contains("(a) never slower than (b): not met, slower at 1 clients")
			.contains("(a) p99/p50 at 32 clients: 3.33x (target at most 3x: not met)");
	}

	@Test
	void ratiosLeaveOutWhatWasNotMeasured() {
		LoadReport report = new LoadReport(List.of(point(ServiceConfiguration.UNBATCHED, 8, 10, 1, 2)), null, 32);
		assertThat(report.ratios()).isEmpty();
	}

	@Test
	void descriptorsPointAtTheBundledHeads(@TempDir Path dir) throws Exception {
		ObjectNode unbatched = LoadCommand.descriptor(ServiceConfiguration.UNBATCHED);
		assertThat(unbatched.get("tiers")).hasSize(2);
		unbatched.get("tiers").forEach((tier) -> {
			assertThat(tier.get("batchSize").asInt()).isEqualTo(1);
			assertThat(tier.get("head").asString()).startsWith("classpath:tango/cascades/sst2-sentiment/");
		});
		ObjectNode last = LoadCommand.descriptor(ServiceConfiguration.LAST_TIER);
		assertThat(last.get("tiers")).hasSize(1);
		assertThat(last.get("tiers").get(0).get("head").asString())
			.isEqualTo("classpath:tango/cascades/sst2-sentiment/bge-sst2-int8.delta.head.json");
		assertThat(last.get("tiers").get(0).has("threshold")).isFalse();
		assertThat(LoadCommand.arguments(ServiceConfiguration.BATCHING, dir)).isEmpty();
		assertThat(LoadCommand.arguments(ServiceConfiguration.LAST_TIER, dir))
			.contains("--tango.api.default-cascade=sst2-sentiment-last-tier");
		assertThat(dir.resolve("cascade.json")).exists();
	}

}
