package dev.tango.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code tango bench soak} command, one minute long: it starts the packaged
 * tango-api and tango-admin on one embedded registry, drives the service at half its
 * measured capacity, swaps the active cascade version twice through the admin and samples
 * the service. Every request is answered across the swaps, both versions answer, and the
 * samples, curve and summary are written.
 */
class SoakCommandIT {

	@TempDir
	Path folder;

	@Test
	void soaksTheServiceForAMinuteWithLiveSwaps() throws Exception {
		Path data = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "dev.tsv");
		Path out = this.folder.resolve("out");
		Path log = this.folder.resolve("soak.log");
		Process soak = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				System.getProperty("tango.bench.jar"), "soak", "--api-jar", System.getProperty("tango.api.jar"),
				"--admin-jar", System.getProperty("tango.admin.jar"), "--data", data.toString(), "--minutes", "1",
				"--warmup", "15", "--load", "0.5", "--swap-every", "20", "--sample-every", "5", "--capacity-clients",
				"8", "--capacity-seconds", "5", "--work-dir", this.folder.resolve("services").toString(), "--out-dir",
				out.toString()))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(soak.waitFor(10, TimeUnit.MINUTES)).as("the soak ended").isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(soak.exitValue()).as(output).isIn(0, 1);

		List<String[]> rows = Files.readAllLines(out.resolve("soak.csv"))
			.stream()
			.skip(1)
			.map((line) -> line.split(","))
			.toList();
		assertThat(rows).as(output).hasSizeGreaterThanOrEqualTo(12);
		assertThat(rows).allSatisfy((row) -> {
			assertThat(Long.parseLong(row[1])).as("live heap").isPositive();
			assertThat(Long.parseLong(row[2])).as("resident memory").isGreaterThan(Long.parseLong(row[1]));
			assertThat(Integer.parseInt(row[4])).as("open files").isPositive();
			assertThat(Integer.parseInt(row[9])).as("open sockets, the listening one at least").isPositive();
			assertThat(Long.parseLong(row[6])).as("failed requests").isZero();
		});
		assertThat(rows.stream().mapToLong((row) -> Long.parseLong(row[5])).sum()).as("answered").isPositive();
		assertThat(rows.stream().map((row) -> row[8]).filter((version) -> !version.equals("0")).distinct())
			.as("versions that answered")
			.hasSize(2);
		assertThat(Files.readString(out.resolve("soak.svg"))).startsWith("<svg").contains("<polyline");
		assertThat(Files.readString(out.resolve("soak.md"))).contains("| live heap |", "| open files |", "Verdict");
	}

}
