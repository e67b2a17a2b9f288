package dev.tango.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.bench.report.TextFiles;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes labelled data sets as {@link LabelledDataset#read} reads them: UTF-8,
 * tab-separated, a header row ({@code text}, {@code label}, and {@code pair} when any row
 * is a pair), RFC 4180 quoting (a field that holds a tab, a quote or a line break is
 * quoted and its quotes doubled) and CRLF line ends. Reading the file back gives the same
 * rows.
 */
public final class TsvWriter {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setDelimiter('\t')
		.setQuoteMode(QuoteMode.MINIMAL)
		.setRecordSeparator("\r\n")
		.get();

	private TsvWriter() {
	}

	/**
	 * Writes a data set to a file, creating its directory.
	 * @param data the data set
	 * @param file the file, replaced if it exists
	 * @throws IOException if the file cannot be written
	 */
	public static void write(LabelledDataset data, Path file) throws IOException {
		TextFiles.createParent(file);
		try (OutputStream out = Files.newOutputStream(file)) {
			write(data, out);
		}
	}

	/**
	 * Writes a data set to a stream.
	 * @param data the data set
	 * @param out the stream, flushed and not closed
	 * @throws IOException if the stream cannot be written
	 */
	public static void write(LabelledDataset data, OutputStream out) throws IOException {
		boolean pairs = data.examples().stream().anyMatch((example) -> example.input().isPair());
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, FORMAT);
		if (pairs) {
			printer.printRecord("text", "pair", "label");
		}
		else {
			printer.printRecord("text", "label");
		}
		for (LabelledExample example : data.examples()) {
			TextInput input = example.input();
			if (pairs) {
				printer.printRecord(input.text(), (input.pair() != null) ? input.pair() : "", example.label());
			}
			else {
				printer.printRecord(input.text(), example.label());
			}
		}
		printer.flush();
	}

}
