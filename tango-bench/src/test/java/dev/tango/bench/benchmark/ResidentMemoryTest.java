package dev.tango.bench.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentMemoryTest {

	@Test
	void fieldsOfProcStatusAreReadInKibibytes() {
		String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  812344 kB\nVmRSS:\t  700000 kB\nThreads:\t40\n";
		assertThat(ResidentMemory.parse(status, "VmRSS")).hasValue(700000L * 1024);
		assertThat(ResidentMemory.parse(status, "VmHWM")).hasValue(812344L * 1024);
		assertThat(ResidentMemory.parse(status, "VmSwap")).isEmpty();
	}

	@Test
	void thisProcessHasAResidentSetOnLinux() {
		if (System.getProperty("os.name").startsWith("Linux")) {
			long current = ResidentMemory.current().orElseThrow();
			long peak = ResidentMemory.peak().orElseThrow();
			assertThat(current).isPositive();
			assertThat(peak).isGreaterThanOrEqualTo(current);
		}
	}

}
