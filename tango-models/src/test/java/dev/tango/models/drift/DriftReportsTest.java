package dev.tango.models.drift;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.core.drift.DriftMonitor;
import dev.tango.core.drift.DriftReference;
import dev.tango.core.drift.DriftSettings;
import dev.tango.core.drift.DriftStatus;
import dev.tango.models.testsupport.MigratedH2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The drift reports on the embedded registry (H2 in PostgreSQL mode, migrated as the
 * service migrates it); tango-api's {@code DriftIT} and the admin's {@code DriftPageIT}
 * run the same store on PostgreSQL.
 */
class DriftReportsTest {

	private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	@TempDir
	Path directory;

	private DriftReports reports;

	@BeforeEach
	void migrate() {
		this.reports = new DriftReports(MigratedH2.migrate(this.directory));
	}

	@Test
	void anInstanceReplacesItsRowsInPlaceAndTheyReadBackAsWritten() {
		DriftMonitor monitor = new DriftMonitor(
				new DriftReference(List.of(1.0, 0.4), List.of(List.of(0.6, 0.4), List.of(0.5, 0.5))),
				List.of("neg", "pos"), DriftSettings.DEFAULT);
		List<DriftStatus> fresh = monitor.statuses();
		this.reports.save("a:1", "c", 2, fresh, NOW);
		assertThat(this.reports.find("c")).extracting(DriftReport::status).isEqualTo(fresh);
		assertThat(fresh.get(0).live()).isNaN();

		for (int i = 0; i < 300; i++) {
			monitor.observe(1, i % 2);
		}
		List<DriftStatus> alarmed = monitor.statuses();
		assertThat(alarmed.get(0).alarm()).isTrue();
		this.reports.save("a:1", "c", 2, alarmed, NOW.plusSeconds(15));
		this.reports.save("b:2", "c", 1, fresh, NOW.plusSeconds(15));

		List<DriftReport> found = this.reports.find("c");
		assertThat(found).hasSize(10);
		assertThat(found.subList(0, 5)).extracting(DriftReport::version).containsOnly(2);
		assertThat(found.subList(0, 5)).extracting(DriftReport::status).isEqualTo(alarmed);
		assertThat(found.get(0).updatedAt()).isEqualTo(NOW.plusSeconds(15));
		assertThat(found.subList(5, 10)).extracting(DriftReport::instance).containsOnly("b:2");
	}

	@Test
	void rowsGoWhenAVersionIsNoLongerServedWhenAnInstanceStopsAndWhenTheyAreNotRenewed() {
		List<DriftStatus> statuses = new DriftMonitor(
				new DriftReference(List.of(1.0, 0.4), List.of(List.of(), List.of())), List.of("a", "b"),
				DriftSettings.DEFAULT)
			.statuses();
		this.reports.save("a:1", "c", 1, statuses, NOW);
		this.reports.save("a:1", "c", 2, statuses, NOW);
		this.reports.save("b:2", "c", 2, statuses, NOW.minusSeconds(120));
		this.reports.save("b:2", "d", 1, statuses, NOW.minusSeconds(120));

		this.reports.delete("a:1", "c", 1);
		assertThat(this.reports.find("c")).extracting(DriftReport::instance, DriftReport::version)
			.containsExactly(tuple("a:1", 2), tuple("b:2", 2));
		this.reports.expire(NOW.minusSeconds(60));
		assertThat(this.reports.find("c")).extracting(DriftReport::instance).containsExactly("a:1");
		assertThat(this.reports.find("d")).isEmpty();
		this.reports.deleteAll("a:1");
		assertThat(this.reports.find("c")).isEmpty();
	}

}
