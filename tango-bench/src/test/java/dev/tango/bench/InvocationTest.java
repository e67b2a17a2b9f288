package dev.tango.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationTest {

	@Test
	void plainArgumentsStayAsTheyAreAndOthersAreQuotedForAShell() {
		assertThat(Invocation.of(List.of("fit-head", "--train", "../data/sst2/train.tsv", "--l2-grid=1e-3,1e-4")))
			.isEqualTo("tango bench fit-head --train ../data/sst2/train.tsv --l2-grid=1e-3,1e-4");
		assertThat(Invocation.quote("my file.tsv")).isEqualTo("'my file.tsv'");
		assertThat(Invocation.quote("it's")).isEqualTo("'it'\\''s'");
		assertThat(Invocation.quote("")).isEqualTo("''");
	}

	@Test
	void theRecordedCommandLineIsTheOneParsed() {
		picocli.CommandLine line = TangoBench.commandLine();
		picocli.CommandLine.ParseResult result = line.parseArgs("plot", "--curve", "a b.csv", "--out", "x.svg");
		assertThat(Invocation.of(result.originalArgs())).isEqualTo("tango bench plot --curve 'a b.csv' --out x.svg");
	}

}
