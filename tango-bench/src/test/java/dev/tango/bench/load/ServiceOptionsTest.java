package dev.tango.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.bench.soak.SoakCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceOptionsTest {

	@TempDir
	Path dir;

	@Test
	void loadReadsTheServiceJarTextsArgumentsAndFolderFromItsMixin() throws IOException {
		Path data = Files.writeString(this.dir.resolve("texts.tsv"), "text\tlabel\na fine film\t1\ndull\t0\n");
		Path jar = Files.writeString(this.dir.resolve("api.jar"), "not really a jar");
		Path work = this.dir.resolve("work/nested");
		LoadCommand command = new LoadCommand();
		new CommandLine(command).parseArgs("--data", data.toString(), "--jar", jar.toString(),
				"--service-arg=--tango.api.batching.workers=2", "--service-arg", "--server.port=0", "--work-dir",
				work.toString());
		ServiceOptions options = command.service;
		assertThat(options.texts()).containsExactly("a fine film", "dull");
		assertThat(options.apiJar()).isEqualTo(jar);
		assertThat(options.serviceArguments()).containsExactly("--tango.api.batching.workers=2", "--server.port=0");
		assertThat(options.workDir("unused")).isEqualTo(work).isDirectory();
	}

	@Test
	void withoutAFolderEachRunGetsANewTemporaryOneAndAMissingJarIsNamedWithItsBuild() throws IOException {
		LoadCommand command = new LoadCommand();
		new CommandLine(command).parseArgs("--data", "texts.tsv");
		ServiceOptions options = command.service;
		assertThat(options.serviceArguments()).isEmpty();
		Path first = options.workDir("tango-options-test");
		Path second = options.workDir("tango-options-test");
		try {
			assertThat(first).isDirectory().isNotEqualTo(second);
			assertThat(first.getFileName().toString()).startsWith("tango-options-test");
		}
		finally {
			Files.delete(first);
			Files.delete(second);
		}
		assertThatIllegalArgumentException().isThrownBy(options::apiJar)
			.withMessage("No jar at tango-api/target/tango-api.jar: build it with "
					+ "./mvnw -B -ntp -q -pl tango-api -am package -DskipTests");
	}

	@Test
	void loadAndSoakDeclareTheSameServiceOptions() {
		CommandSpec load = new CommandLine(new LoadCommand()).getCommandSpec();
		CommandSpec soak = new CommandLine(new SoakCommand()).getCommandSpec();
		for (String name : new String[] { "--api-jar", "--jar", "--data", "--service-arg", "--work-dir" }) {
			assertThat(load.findOption(name)).as("load %s", name).isNotNull();
			assertThat(soak.findOption(name)).as("soak %s", name).isNotNull();
			assertThat(soak.findOption(name).description()).as(name).isEqualTo(load.findOption(name).description());
		}
		assertThatThrownBy(() -> new CommandLine(new SoakCommand()).parseArgs("--minutes", "1"))
			.isInstanceOf(CommandLine.MissingParameterException.class)
			.hasMessageContaining("--data");
	}

}
