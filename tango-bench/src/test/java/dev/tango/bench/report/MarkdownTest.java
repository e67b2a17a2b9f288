package dev.tango.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownTest {

	@Test
	void tablesAlignColumnsAndEscapePipes() {
		String table = new Markdown("lr", "name", "value").row("a|b", "1.00").toString();
		assertThat(table).isEqualTo("| name | value |\n| --- | ---: |\n| a\\|b | 1.00 |\n");
		assertThatThrownBy(() -> new Markdown("l", "a", "b")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Markdown("l", "a").row("x", "y")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void numbersAreFormattedForPeople() {
		assertThat(Markdown.percent(0.91284)).isEqualTo("91.28%");
		assertThat(Markdown.points(-0.0034)).isEqualTo("-0.34 pt");
		assertThat(Markdown.millis(1_234_567)).isEqualTo("1.235 ms");
		assertThat(Markdown.times(2.554)).isEqualTo("2.55x");
		assertThat(Markdown.thresholds(List.of(0.81, 0.93126))).isEqualTo("0.8100, 0.9313");
		assertThat(Markdown.thresholds(List.of())).isEqualTo("none");
		assertThat(Markdown.plain(5.0)).isEqualTo("5");
		assertThat(Markdown.plain(0.50)).isEqualTo("0.5");
		assertThat(Markdown.plain(300)).isEqualTo("300");
		assertThat(Markdown.met(true)).isEqualTo("met");
		assertThat(Markdown.met(false)).isEqualTo("not met");
	}

}
