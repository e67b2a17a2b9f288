package dev.tango.runtime.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.io.AtomicFiles;
import dev.tango.runtime.json.JsonDocuments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far a bulk run got, written whole or not at all after every chunk, beside the
 * output ({@code <output>.checkpoint.json}). The output's first {@code outputBytes} bytes
 * hold the results of the first {@code rowsDone} rows; anything after them is from a
 * chunk that did not finish and is cut off on resume.
 *
 * @param inputSha256 the digest of the input the run reads
 * @param inputRows the input's number of rows
 * @param inputFile the input file's size and modification time when the run read it, or
 * {@code null} for an input that is not a file (and in checkpoints written before they
 * were recorded)
 * @param cascadeVersion the cascade version that classifies it
 * @param outputFormat the format of the results
 * @param rowsDone the rows whose results are in the output, in input order from the first
 * @param nextLine the line of the input where the next row starts (its position), or 0
 * after the last row
 * @param outputBytes the length of the output that holds those results
 * @param answeredByTier how many of those rows each tier answered, cheapest first
 * @param finished whether every row is done
 * @param idColumn the input's column copied to each result as its identifier, or
 * {@code null} where results carry none
 * @param chunkSize the rows classified together, which share the tiers' batches and so
 * may answer otherwise in other chunks (int8 tiers scale their activations per batch);
 * {@code null} in checkpoints written before it and the identifier column were recorded
 */
public record BulkCheckpoint(String inputSha256, long inputRows, BulkInput.@Nullable FileStamp inputFile,
		String cascadeVersion, DatasetFormat outputFormat, long rowsDone, long nextLine, long outputBytes,
		List<Long> answeredByTier, boolean finished, @Nullable String idColumn, @Nullable Integer chunkSize) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public BulkCheckpoint {
		Objects.requireNonNull(inputSha256, "inputSha256");
		Objects.requireNonNull(cascadeVersion, "cascadeVersion");
		Objects.requireNonNull(outputFormat, "outputFormat");
		requireCount(inputRows >= 0, "inputRows", "is negative", inputRows);
		requireCount(rowsDone >= 0 && rowsDone <= inputRows, "rowsDone", "lies outside [0, " + inputRows + "]",
				rowsDone);
		requireCount(outputBytes >= 0, "outputBytes", "is negative", outputBytes);
		requireCount(nextLine >= 0, "nextLine", "is negative", nextLine);
		answeredByTier = List.copyOf(Objects.requireNonNull(answeredByTier, "answeredByTier"));
		for (long answered : answeredByTier) {
			requireCount(answered >= 0 && answered <= rowsDone, "answeredByTier",
					"has a count outside [0, " + rowsDone + "]", answered);
		}
	}

	/**
	 * Returns where the checkpoint of an output lives.
	 * @param output the results file
	 * @return the file beside it, {@code <output>.checkpoint.json}
	 */
	public static Path fileOf(Path output) {
		return output.resolveSibling(output.getFileName() + ".checkpoint.json");
	}

	/**
	 * Returns this checkpoint after a chunk.
	 * @param done the rows done in all
	 * @param nextLine the line of the input where the next row starts, or 0 after the
	 * last row
	 * @param bytes the length of the output that holds their results
	 * @param answered how many of them each tier answered
	 * @param last whether no row is left
	 * @return the checkpoint
	 */
	BulkCheckpoint after(long done, long nextLine, long bytes, List<Long> answered, boolean last) {
		return new BulkCheckpoint(this.inputSha256, this.inputRows, this.inputFile, this.cascadeVersion,
				this.outputFormat, done, nextLine, bytes, answered, last, this.idColumn, this.chunkSize);
	}

	private static void requireCount(boolean valid, String field, String problem, long value) {
		if (!valid) {
			throw new IllegalArgumentException(
					"its " + field + " " + problem + ", was " + value + ": the checkpoint was changed");
		}
	}

	/**
	 * Reads a checkpoint.
	 * @param file the checkpoint file
	 * @return the checkpoint
	 * @throws IOException if it cannot be read or is not a checkpoint
	 */
	public static BulkCheckpoint read(Path file) throws IOException {
		try {
			return JSON.readValue(Files.readAllBytes(file), BulkCheckpoint.class);
		}
		catch (JacksonException ex) {
			throw new IOException("Cannot read the checkpoint " + file + ": " + why(ex), ex);
		}
	}

	/**
	 * Says why a file is no checkpoint: what is out of range in it, its JSON syntax, or
	 * the field that is missing or of another type.
	 */
	private static String why(JacksonException ex) {
		if (ex.getCause() instanceof IllegalArgumentException invalid) {
			return invalid.getMessage();
		}
		if (ex.getCause() instanceof NullPointerException missing) {
			// the record's requireNonNull names the component
			return "its field '" + missing.getMessage() + "' is missing: it is not the checkpoint of a bulk run";
		}
		if (ex instanceof MismatchedInputException && !ex.getPath().isEmpty()
				&& ex.getPath().getLast().getPropertyName() != null) {
			return "its field '" + ex.getPath().getLast().getPropertyName()
					+ "' is missing or of another type: it is not the checkpoint of a bulk run";
		}
		return "not valid JSON: " + JsonDocuments.describe(ex);
	}

	/**
	 * Writes this checkpoint atomically: a reader sees the previous one or this one.
	 * @param file the checkpoint file
	 * @throws IOException if it cannot be written
	 */
	public void write(Path file) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(this);
		AtomicFiles.replace(file, (temp) -> Files.write(temp, bytes));
	}

}
