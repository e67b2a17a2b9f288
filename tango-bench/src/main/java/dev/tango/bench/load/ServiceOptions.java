package dev.tango.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that the commands starting the service as a child process and driving it
 * with the texts of a file share: the service jar, the texts, the arguments every service
 * it starts gets, and the folder they run in.
 */
public final class ServiceOptions {

	@Option(names = { "--api-jar", "--jar" }, defaultValue = "tango-api/target/tango-api.jar",
			description = "the service jar (default ${DEFAULT-VALUE})")
	Path apiJar;

	@Option(names = "--data", required = true, description = "the texts (TSV or CSV), sent in turn")
	Path data;

	@Option(names = "--service-arg", description = "an argument passed to every service the command starts, such as "
			+ "--tango.api.batching.workers=2 or --spring.datasource.url=... (repeatable)")
	List<String> serviceArguments = List.of();

	@Option(names = "--work-dir",
			description = "where the services run, a folder each (default: a new temporary folder)")
	@Nullable Path workDir;

	/**
	 * Returns the service jar, checked to exist.
	 * @return the jar of tango-api
	 * @throws IllegalArgumentException if there is no such file
	 */
	public Path apiJar() {
		return requireJar(this.apiJar, "tango-api");
	}

	/**
	 * Reads the texts to send, in file order; their labels are ignored.
	 * @return the texts
	 * @throws IOException if the file cannot be read or parsed
	 */
	public List<String> texts() throws IOException {
		return LabelledDataset.read(this.data).inputs().stream().map(TextInput::text).toList();
	}

	/**
	 * Returns the arguments passed to every service, after the command's own.
	 * @return the arguments, in command-line order; empty if none
	 */
	public List<String> serviceArguments() {
		return List.copyOf(this.serviceArguments);
	}

	/**
	 * Returns the folder the services run in, created if missing: {@code --work-dir}, or
	 * a new temporary folder.
	 * @param prefix the name prefix of a temporary folder
	 * @return the folder
	 * @throws IOException if it cannot be created
	 */
	public Path workDir(String prefix) throws IOException {
		Path root = (this.workDir != null) ? this.workDir : Files.createTempDirectory(prefix);
		return Files.createDirectories(root);
	}

	/**
	 * Checks that a service jar exists.
	 * @param jar the jar
	 * @param module the module that builds it, named in the error
	 * @return the jar
	 * @throws IllegalArgumentException if there is no such file
	 */
	public static Path requireJar(Path jar, String module) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("No jar at " + jar + ": build it with ./mvnw -B -ntp -q -pl " + module
					+ " -am package -DskipTests");
		}
		return jar;
	}

}
