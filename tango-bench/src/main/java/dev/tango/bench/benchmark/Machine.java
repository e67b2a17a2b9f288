package dev.tango.bench.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line description of the machine a benchmark ran on.
 */
public final class Machine {

	private Machine() {
	}

	/**
	 * Describes this machine: CPU, processors, memory, operating system and Java.
	 * @return one line
	 */
	public static String describe() {
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT, "%s, %d processors, %s memory; %s %s; Java %s (%s), max heap %d MiB", cpu(),
				runtime.availableProcessors(), memory(), System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("java.version"),
				System.getProperty("java.vm.name"), runtime.maxMemory() / (1024 * 1024));
	}

	private static String cpu() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// described as unknown
		}
		return "unknown CPU";
	}

	private static String memory() {
		try {
			return ResidentMemory.parse(Files.readString(Path.of("/proc/meminfo")), "MemTotal")
				.stream()
				.mapToObj((bytes) -> String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024)))
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
