package dev.tango.bench.soak;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class SoakReportTest {

	private static final long MIB = 1024 * 1024;

	/**
	 * Samples every 10 s for 200 s: the warm-up (first 40 s) grows steeply, then the
	 * resident memory grows by {@code growth} per sample and the rest stays put, but for
	 * the sockets, which swing between 40 and 80 as connections come and go.
	 */
	private static List<Sample> samples(long growth, long failedAfterWarmup) {
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i <= 20; i++) {
			boolean warm = i >= 4;
			long resident = (warm ? 600 * MIB : 300 * MIB) + i * growth;
			samples.add(new Sample(10.0 * i, 100 * MIB, resident, resident - 250 * MIB, 120, 500,
					warm ? failedAfterWarmup : 3, 40, (i < 10) ? 1 : 2, 40 + (i % 3) * 20));
		}
		return samples;
	}

	@Test
	void flatQuantitiesAfterTheWarmupPass() {
		SoakReport report = new SoakReport(samples(0, 0), 40, List.of(100.0), List.of(1500L), 5);
		assertThat(report.changes()).allSatisfy((change) -> assertThat(change.percent()).isCloseTo(0, within(1e-9)));
		assertThat(report.passed()).isTrue();
		assertThat(report.answered()).isEqualTo(21 * 500);
		assertThat(report.markdown()).contains("| resident memory | 600.0 MiB | 600.0 MiB | +0.0% | yes |")
			.contains("failed or refused after the warm-up: 0")
			.contains("Version swaps: 1")
			.contains("**pass**")
			.contains("Open sockets after the warm-up, not judged (they follow the load's connections): 40 to 80.");
	}

	@Test
	void growthBeyondTheToleranceFails() {
		// 4 MiB a sample: the last quarter's median is about 8% above the first's.
		SoakReport report = new SoakReport(samples(4 * MIB, 0), 40, List.of(), List.of(), 5);
		SoakReport.Change resident = report.changes().get(1);
		assertThat(resident.quantity().name()).isEqualTo("resident memory");
		assertThat(resident.percent()).isGreaterThan(5);
		assertThat(resident.flat()).isFalse();
		assertThat(report.changes().get(0).flat()).as("live heap").isTrue();
		assertThat(report.passed()).isFalse();
		assertThat(report.markdown()).contains("**fail**");
	}

	/** The flat samples with the open files moving by {@code step} a sample. */
	private static List<Sample> filesMoving(int step) {
		return samples(0, 0).stream()
			.map((s) -> new Sample(s.seconds(), s.heapBytes(), s.residentBytes(), s.nativeBytes(),
					s.openFiles() + (int) (s.seconds() / 10) * step, s.answered(), s.failed(), s.p99Millis(),
					s.servedVersion(), s.sockets()))
			.toList();
	}

	@Test
	void openFilesFallingBelowTheBaselinePass() {
		// 2 fewer a sample: the last quarter's median is about 24% below the first's.
		SoakReport report = new SoakReport(filesMoving(-2), 40, List.of(), List.of(), 5);
		SoakReport.Change files = report.changes().get(3);
		assertThat(files.quantity().name()).isEqualTo("open files");
		assertThat(files.percent()).isLessThan(-20);
		assertThat(files.flat()).isTrue();
		assertThat(report.passed()).isTrue();
		assertThat(report.markdown()).contains("| yes (judged by growth) |");
	}

	@Test
	void openFilesGrowingBeyondTheToleranceFail() {
		SoakReport report = new SoakReport(filesMoving(2), 40, List.of(), List.of(), 5);
		assertThat(report.changes().get(3).percent()).isGreaterThan(5);
		assertThat(report.passed()).isFalse();
		assertThat(report.markdown()).contains("| no (judged by growth) |");
	}

	@Test
	void memoryFallingBeyondTheToleranceFails() {
		SoakReport report = new SoakReport(samples(-4 * MIB, 0), 40, List.of(), List.of(), 5);
		assertThat(report.changes().get(1).percent()).isLessThan(-5);
		assertThat(report.passed()).isFalse();
	}

	@Test
	void aFailedRequestAfterTheWarmupFails() {
		assertThat(new SoakReport(samples(0, 1), 40, List.of(), List.of(), 5).passed()).isFalse();
		assertThat(new SoakReport(samples(0, 0), 40, List.of(), List.of(), 5).failedAfterWarmup()).isZero();
	}

	@Test
	void writesEverySampleAsCsvAndDrawsTheCurve() {
		SoakReport report = new SoakReport(samples(0, 0), 40, List.of(100.0), List.of(1500L), 5);
		List<String> lines = report.csv().lines().toList();
		assertThat(lines).hasSize(22);
		assertThat(lines.get(0)).isEqualTo(Sample.HEADER);
		assertThat(lines.get(5)).isEqualTo("40.0,104857600,629145600,367001600,120,500,0,40.0,1,60");
		String svg = report.svg("soak");
		assertThat(svg).startsWith("<svg").contains("resident memory (100% = 600.0 MiB)");
		assertThat(svg.split("<polyline", -1)).hasSize(5);
	}

	@Test
	void needsFourSamplesAfterTheWarmup() {
		SoakReport report = new SoakReport(samples(0, 0), 180, List.of(), List.of(), 5);
		assertThatIllegalStateException().isThrownBy(report::changes);
	}

}
