package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tango.runtime.artifact.ArtifactCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads and runs a bundled encoder in a fresh JVM with an empty DJL cache and records
 * every network connection attempted: there must be none. The native libraries come from
 * the jars.
 */
class OfflineIT {

	@TempDir
	Path djlCache;

	@Test
	void loadingAndRunningAnEncoderTouchesNoNetwork() throws Exception {
		String output = probe("encoder");
		assertThat(output).contains("network attempts: 0 []");
		try (Stream<Path> files = Files.walk(this.djlCache)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).contains("libtokenizers.so");
		}
	}

	@Test
	void theProbeCatchesAttempts() throws Exception {
		assertThat(probe("control")).contains("network attempts: 1 [http://169.254.169.254/latest]");
	}

	@Test
	void withoutTheOfflineSettingsDjlQueriesTheCloudMetadataService() throws Exception {
		assertThat(probe("djl-default")).contains("http://169.254.169.254/latest/api/token")
			.doesNotContain("network attempts: 0");
	}

	private String probe(String mode) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
				System.getProperty("java.class.path"), OfflineProbe.class.getName(),
				ArtifactCache.defaultDirectory().toAbsolutePath().toString(), mode)
			.redirectErrorStream(true);
		builder.environment().keySet().removeAll(List.of("DJL_OFFLINE", "OPT_OUT_TRACKING", "ENGINE_CACHE_DIR"));
		builder.environment().put("DJL_CACHE_DIR", this.djlCache.toString());
		Process process = builder.start();
		byte[] bytes = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String output = new String(bytes, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
