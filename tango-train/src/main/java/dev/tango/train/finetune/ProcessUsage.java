package dev.tango.train.finetune;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What this process has used so far: CPU time of all its threads (native ones included)
 * and its peak resident memory (native allocations included, as the PyTorch engine's).
 */
record ProcessUsage(Duration cpuTime, long peakResidentBytes) {

	private static final Path STATUS = Path.of("/proc/self/status");

	/**
	 * Reads the process's usage now.
	 * @return the CPU time ({@link Duration#ZERO} when the JVM cannot tell) and the peak
	 * resident bytes since the process started ({@code -1} where {@code /proc} is
	 * missing)
	 */
	static ProcessUsage now() {
		long cpu = -1;
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			cpu = os.getProcessCpuTime();
		}
		return new ProcessUsage(Duration.ofNanos(Math.max(cpu, 0)), peakResident());
	}

	/**
	 * Returns the CPU time used since an earlier reading.
	 * @param earlier the earlier reading
	 * @return the difference
	 */
	Duration cpuSince(ProcessUsage earlier) {
		return this.cpuTime.minus(earlier.cpuTime);
	}

	private static long peakResident() {
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("VmHWM:")) {
					return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not on Linux: unknown
		}
		return -1;
	}

}
