package dev.tango.models.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes on one machine share the embedded registry, as tango-api and tango-admin
 * do when neither has a datasource: while this JVM holds the database file open, another
 * JVM opens the same default URL, writes, and this one reads what it wrote.
 */
class EmbeddedDatabaseSharingIT {

	@TempDir
	Path directory;

	@Test
	void aSecondProcessOpensTheEmbeddedDatabaseWhileTheFirstHoldsIt() throws Exception {
		MockEnvironment environment = new MockEnvironment().withProperty("tango.registry.embedded-path",
				this.directory.resolve("data/tango").toString());
		new EmbeddedDatabaseDefaults().postProcessEnvironment(environment, new SpringApplication());
		String url = environment.getProperty("spring.datasource.url");

		try (Connection first = DriverManager.getConnection(url, "sa", "")) {
			try (Statement statement = first.createStatement()) {
				statement.execute("CREATE TABLE shared (written_by VARCHAR(20))");
			}
			Path log = this.directory.resolve("second.log");
			Process second = new ProcessBuilder(
					List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
							Path.of(Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
								.toString(),
							"org.h2.tools.Shell", "-url", url, "-user", "sa", "-sql",
							"INSERT INTO shared VALUES ('second process')"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second process ended").isTrue();
			assertThat(second.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();

			try (Statement statement = first.createStatement();
					ResultSet rows = statement.executeQuery("SELECT written_by FROM shared")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("second process");
			}
		}
	}

}
