package dev.tango.bench.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory, from {@code /proc/self/status} (Linux).
 */
public final class ResidentMemory {

	private ResidentMemory() {
	}

	/**
	 * Returns the current resident set size ({@code VmRSS}).
	 * @return bytes, or empty where {@code /proc/self/status} cannot be read
	 */
	static OptionalLong current() {
		return field("VmRSS");
	}

	/**
	 * Returns the peak resident set size ({@code VmHWM}).
	 * @return bytes, or empty where {@code /proc/self/status} cannot be read
	 */
	static OptionalLong peak() {
		return field("VmHWM");
	}

	private static OptionalLong field(String name) {
		try {
			return parse(Files.readString(Path.of("/proc/self/status")), name);
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Reads a field in kB from the text of {@code /proc/self/status}.
	 * @param status the text
	 * @param name the field, such as {@code VmRSS}
	 * @return bytes, or empty if the field is absent
	 */
	public static OptionalLong parse(String status, String name) {
		for (String line : status.split("\n")) {
			if (line.startsWith(name + ":")) {
				String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
				return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
			}
		}
		return OptionalLong.empty();
	}

}
