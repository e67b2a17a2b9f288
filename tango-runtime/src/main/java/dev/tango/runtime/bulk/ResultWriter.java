package dev.tango.runtime.bulk;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.InputRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Formats results, one line (record) per row: the row's number, its identifier when the
 * input has an identifier column, the label (its display name where it has one), the
 * confidence (a decimal that reads back as the same {@code double}), the answering tier's
 * index (0 for the cheapest), the cascade version, and whether the answer is a fallback
 * (the tier meant to answer was out of reach, and the tier before it answered: see
 * {@link Prediction#fallback()}). JSONL objects carry these as {@code row}, {@code id},
 * {@code label}, {@code confidence}, {@code tier}, {@code version}, {@code fallback}; TSV
 * and CSV start with a header of those names and quote as RFC 4180 says. UTF-8, lines end
 * with {@code \n}.
 */
final class ResultWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetFormat format;

	private final boolean withId;

	private final String version;

	private final List<Label> labels;

	private final CSVFormat csv;

	ResultWriter(DatasetFormat format, boolean withId, String version, List<Label> labels) {
		this.format = format;
		this.withId = withId;
		this.labels = List.copyOf(labels);
		this.version = version;
		this.csv = CSVFormat.RFC4180.builder()
			.setDelimiter((format == DatasetFormat.TSV) ? '\t' : ',')
			.setRecordSeparator('\n')
			.get();
	}

	/**
	 * Returns what the output starts with.
	 * @return the header line for TSV and CSV, nothing for JSONL
	 */
	byte[] header() {
		if (this.format == DatasetFormat.JSONL) {
			return new byte[0];
		}
		List<String> names = new ArrayList<>(List.of("row", "label", "confidence", "tier", "version", "fallback"));
		if (this.withId) {
			names.add(1, "id");
		}
		return delimited(List.<List<String>>of(names));
	}

	/**
	 * Formats the results of a chunk.
	 * @param rows the rows, in input order
	 * @param predictions their predictions, in the same order
	 * @return the lines
	 */
	byte[] format(List<InputRow> rows, List<Prediction> predictions) {
		if (this.format == DatasetFormat.JSONL) {
			return jsonLines(rows, predictions);
		}
		List<List<String>> records = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			InputRow row = rows.get(i);
			Prediction prediction = predictions.get(i);
			List<String> values = new ArrayList<>(7);
			values.add(Long.toString(row.number()));
			if (this.withId) {
				values.add(String.valueOf(row.id()));
			}
			values.add(name(prediction));
			values.add(Double.toString(prediction.confidence()));
			values.add(Integer.toString(prediction.tier()));
			values.add(this.version);
			values.add(Boolean.toString(prediction.fallback()));
			records.add(values);
		}
		return delimited(records);
	}

	private String name(Prediction prediction) {
		return this.labels.get(prediction.labelIndex()).name();
	}

	private byte[] delimited(List<List<String>> records) {
		StringBuilder out = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(out, this.csv)) {
			printer.printRecords(records);
		}
		catch (IOException ex) {
			// printing into a StringBuilder cannot fail
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] jsonLines(List<InputRow> rows, List<Prediction> predictions) {
		StringWriter out = new StringWriter();
		for (int i = 0; i < rows.size(); i++) {
			InputRow row = rows.get(i);
			Prediction prediction = predictions.get(i);
			try (JsonGenerator json = JSON.createGenerator(out)) {
				json.writeStartObject();
				json.writeNumberProperty("row", row.number());
				if (this.withId) {
					json.writeStringProperty("id", row.id());
				}
				json.writeStringProperty("label", name(prediction));
				json.writeNumberProperty("confidence", prediction.confidence());
				json.writeNumberProperty("tier", prediction.tier());
				json.writeStringProperty("version", this.version);
				json.writeBooleanProperty("fallback", prediction.fallback());
				json.writeEndObject();
			}
			out.write('\n');
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

}
