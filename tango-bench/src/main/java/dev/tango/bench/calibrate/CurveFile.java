package dev.tango.bench.calibrate;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tango.bench.report.TextFiles;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.ThresholdCurve;
import dev.tango.core.calibration.ThresholdSweep;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A threshold curve as a CSV file: one row per operating point of a
 * {@link ThresholdSweep}, in its order, with the columns {@code threshold_1 …
 * threshold_{T-1}}, {@code accuracy}, {@code last_tier_accuracy},
 * {@code reach_2 … reach_T} (the share of inputs that reach each later tier),
 * {@code nanos_per_input} (estimated), {@code speedup} (estimated, against the last tier
 * alone), {@code accuracy_drop}, {@code drop_standard_error}, {@code drop_upper_bound}
 * (at the policy's confidence level) and {@code chosen} ({@code 1} on the chosen point).
 */
public final class CurveFile {

	private CurveFile() {
	}

	/**
	 * One row.
	 *
	 * @param thresholds the thresholds of each tier but the last
	 * @param accuracy the cascade's accuracy
	 * @param lastTierAccuracy the last tier's accuracy alone
	 * @param reach the share of inputs reaching each tier after the first
	 * @param nanosPerInput the estimated cost per input
	 * @param speedup the estimated speedup
	 * @param accuracyDrop the drop against the last tier alone
	 * @param dropStandardError its standard error
	 * @param dropUpperBound its upper confidence bound
	 * @param chosen whether this is the chosen point
	 */
	public record Row(List<Double> thresholds, double accuracy, double lastTierAccuracy, List<Double> reach,
			double nanosPerInput, double speedup, double accuracyDrop, double dropStandardError, double dropUpperBound,
			boolean chosen) {

		public Row {
			thresholds = List.copyOf(thresholds);
			reach = List.copyOf(reach);
		}

	}

	/**
	 * Returns the rows of a sweep.
	 * @param sweep the sweep
	 * @param chosen the chosen point's thresholds
	 * @param confidenceLevel the confidence level of the bound on the drop
	 * @return one row per point
	 */
	public static List<Row> rows(ThresholdSweep sweep, List<Double> chosen, double confidenceLevel) {
		double last = sweep.predictions().lastTierAccuracy();
		List<Row> rows = new ArrayList<>();
		for (OperatingPoint point : sweep.points()) {
			rows.add(new Row(point.thresholds(), point.accuracy(), last, point.escalation(), point.nanosPerInput(),
					point.speedup(), point.accuracyDrop(), point.dropStandardError(),
					point.dropUpperBound(confidenceLevel), point.thresholds().equals(chosen)));
		}
		return rows;
	}

	/**
	 * Returns the curve of a two-tier cascade's rows in the shape every curve is shown
	 * in, the admin's included.
	 * @param rows the rows of a two-tier cascade, one of them chosen
	 * @return the curve of its one gate
	 * @throws IllegalArgumentException if the rows are not of two tiers or none is chosen
	 */
	public static ThresholdCurve curve(List<Row> rows) {
		if (rows.isEmpty() || rows.get(0).thresholds().size() != 1) {
			throw new IllegalArgumentException("Plots show the curve of a two-tier cascade");
		}
		Row chosen = rows.stream()
			.filter(Row::chosen)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No row of the curve is marked chosen"));
		return new ThresholdCurve(0,
				rows.stream()
					.map((row) -> new ThresholdCurve.Point(row.thresholds().get(0), row.accuracy(), row.reach().get(0),
							row.speedup()))
					.toList(),
				chosen.thresholds().get(0), chosen.lastTierAccuracy());
	}

	/**
	 * Writes rows.
	 * @param rows the rows, all with the same number of tiers
	 * @param file the file
	 * @throws IOException if it cannot be written
	 */
	public static void write(List<Row> rows, Path file) throws IOException {
		if (rows.isEmpty()) {
			throw new IllegalArgumentException("No points to write");
		}
		int thresholds = rows.get(0).thresholds().size();
		List<String> header = new ArrayList<>();
		for (int k = 1; k <= thresholds; k++) {
			header.add("threshold_" + k);
		}
		header.add("accuracy");
		header.add("last_tier_accuracy");
		for (int k = 2; k <= thresholds + 1; k++) {
			header.add("reach_" + k);
		}
		header.addAll(List.of("nanos_per_input", "speedup", "accuracy_drop", "drop_standard_error", "drop_upper_bound",
				"chosen"));
		TextFiles.createParent(file);
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer,
						CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
			printer.printRecord(header);
			for (Row row : rows) {
				List<String> values = new ArrayList<>();
				row.thresholds().forEach((t) -> values.add(Double.toString(t)));
				values.add(fraction(row.accuracy()));
				values.add(fraction(row.lastTierAccuracy()));
				row.reach().forEach((r) -> values.add(fraction(r)));
				values.add(String.format(Locale.ROOT, "%.0f", row.nanosPerInput()));
				values.add(String.format(Locale.ROOT, "%.4f", row.speedup()));
				values.add(fraction(row.accuracyDrop()));
				values.add(fraction(row.dropStandardError()));
				values.add(fraction(row.dropUpperBound()));
				values.add(row.chosen() ? "1" : "0");
				printer.printRecord(values);
			}
		}
	}

	/**
	 * Reads a file written by {@link #write}.
	 * @param file the file
	 * @return the rows
	 * @throws IOException if it cannot be read or is malformed: not a curve's columns, a
	 * row of another number of fields, a value that is not a finite number, or no row
	 */
	public static List<Row> read(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		try (CSVParser parser = CSVParser.builder()
			.setReader(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))
			.setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())
			.get()) {
			List<String> header = parser.getHeaderNames();
			int thresholds = (int) header.stream().filter((h) -> h.startsWith("threshold_")).count();
			if (thresholds == 0 || !header.contains("speedup") || !header.contains("chosen")) {
				throw new IOException(file + ": not a threshold curve (columns " + header + ")");
			}
			List<Row> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				if (record.size() != header.size()) {
					throw new IOException(file + ": row " + record.getRecordNumber() + " has " + record.size()
							+ " fields, the header " + header.size());
				}
				List<Double> t = new ArrayList<>();
				List<Double> reach = new ArrayList<>();
				for (int k = 1; k <= thresholds; k++) {
					t.add(number(record, "threshold_" + k, file));
					reach.add(number(record, "reach_" + (k + 1), file));
				}
				rows.add(new Row(t, number(record, "accuracy", file), number(record, "last_tier_accuracy", file), reach,
						number(record, "nanos_per_input", file), number(record, "speedup", file),
						number(record, "accuracy_drop", file), number(record, "drop_standard_error", file),
						number(record, "drop_upper_bound", file), "1".equals(record.get("chosen"))));
			}
			if (rows.isEmpty()) {
				throw new IOException(file + ": the curve has no points, only its header");
			}
			return rows;
		}
	}

	private static double number(CSVRecord record, String column, Path file) throws IOException {
		if (!record.isMapped(column)) {
			throw new IOException(file + ": not a threshold curve: no column " + column);
		}
		String where = file + ": row " + record.getRecordNumber() + ", column " + column + ": ";
		String text = record.get(column);
		double value;
		try {
			value = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IOException(where + "'" + text + "' is not a number", ex);
		}
		if (!Double.isFinite(value)) {
			throw new IOException(where + value + " is not a finite number");
		}
		return value;
	}

	private static String fraction(double value) {
		return String.format(Locale.ROOT, "%.6f", value);
	}

}
