package dev.tango.bench.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Markdown tables and the number formats of the bench's reports.
 */
public final class Markdown {

	private final List<String> header;

	private final String alignment;

	private final List<List<String>> rows = new ArrayList<>();

	/**
	 * Starts a table.
	 * @param alignment one character per column: {@code l} for left, {@code r} for right
	 * @param header the column titles
	 */
	public Markdown(String alignment, String... header) {
		if (alignment.length() != header.length) {
			throw new IllegalArgumentException(
					"One alignment per column: " + alignment.length() + " for " + header.length + " columns");
		}
		this.alignment = alignment;
		this.header = List.of(header);
	}

	/**
	 * Adds a row.
	 * @param cells one cell per column
	 * @return this table
	 */
	public Markdown row(String... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException(cells.length + " cells for " + this.header.size() + " columns");
		}
		this.rows.add(List.of(cells));
		return this;
	}

	/**
	 * Returns the table, one line per row and a line break after the last.
	 * @return the Markdown text
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		line(text, this.header);
		List<String> rule = new ArrayList<>();
		for (char a : this.alignment.toCharArray()) {
			rule.add((a == 'r') ? "---:" : "---");
		}
		line(text, rule);
		this.rows.forEach((row) -> line(text, row));
		return text.toString();
	}

	private static void line(StringBuilder text, List<String> cells) {
		text.append('|');
		for (String cell : cells) {
			text.append(' ').append(cell.replace("|", "\\|")).append(" |");
		}
		text.append('\n');
	}

	/**
	 * Formats a fraction as a percentage with two decimals.
	 * @param fraction the fraction
	 * @return such as {@code 91.28%}
	 */
	public static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
	}

	/**
	 * Formats a fraction as percentage points with two decimals and a sign.
	 * @param fraction the fraction
	 * @return such as {@code -0.34 pt}
	 */
	public static String points(double fraction) {
		return String.format(Locale.ROOT, "%+.2f pt", 100 * fraction);
	}

	/**
	 * Formats nanoseconds as milliseconds with three decimals.
	 * @param nanos the duration
	 * @return such as {@code 1.234 ms}
	 */
	public static String millis(double nanos) {
		return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
	}

	/**
	 * Formats a ratio with two decimals.
	 * @param ratio the ratio
	 * @return such as {@code 2.55x}
	 */
	public static String times(double ratio) {
		return String.format(Locale.ROOT, "%.2fx", ratio);
	}

	/**
	 * Formats thresholds with four decimals.
	 * @param thresholds the thresholds
	 * @return such as {@code 0.9312} or {@code 0.8100, 0.9312}
	 */
	public static String thresholds(List<Double> thresholds) {
		if (thresholds.isEmpty()) {
			return "none";
		}
		List<String> parts = new ArrayList<>();
		thresholds.forEach((t) -> parts.add(String.format(Locale.ROOT, "%.4f", t)));
		return String.join(", ", parts);
	}

	/**
	 * Formats a number as it was given, without trailing zeros.
	 * @param value the number
	 * @return such as {@code 5}, {@code 0.5} or {@code 300}
	 */
	public static String plain(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/**
	 * Says whether a target is met, in the words of the reports' verdicts.
	 * @param met whether the target is met
	 * @return {@code met} or {@code not met}
	 */
	public static String met(boolean met) {
		return met ? "met" : "not met";
	}

}
