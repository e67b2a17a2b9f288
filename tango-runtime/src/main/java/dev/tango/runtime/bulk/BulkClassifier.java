package dev.tango.runtime.bulk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.InputRow;
import org.jspecify.annotations.Nullable;

/**
 * Classifies every row of an input through a cascade and writes the results to a file in
 * input order (see {@link ResultWriter} for the columns). The rows are read in chunks, so
 * memory is bounded by the chunk whatever the input's size; each chunk goes through the
 * synchronous {@link Cascade} as the offline benchmark runs it (every tier's inputs
 * sorted by length into batches of its batch size). After each chunk the results are
 * forced to disk and then a {@link BulkCheckpoint} is written atomically, so that a run
 * stopped in any way (asked to, cancelled by an exception from the listener, or the
 * process killed) resumes after the last checkpoint: the output is cut back to the
 * checkpoint's length and the rows already done are skipped, not classified again.
 * Resuming with another input (by digest, and for a file by size and modification time
 * too), cascade version or output format is refused with a
 * {@link ResumeRefusedException}; an input file that changes while a run reads it stops
 * the run with an {@link InputChangedException} before the rows read since the change are
 * classified.
 *
 * <p>
 * One run at a time per output file; the classifier itself is stateless and thread-safe
 * as its cascade is. It does not own the cascade's tiers.
 */
public final class BulkClassifier {

	/** The default number of rows per chunk. */
	public static final int DEFAULT_CHUNK_SIZE = 1024;

	private final Cascade cascade;

	private final String version;

	private final List<Label> labels;

	/**
	 * Creates the classifier.
	 * @param cascade the cascade
	 * @param labels the cascade's labels, whose display names the results carry
	 * @param version the cascade version's name, written with every result and recorded
	 * in the checkpoint, such as {@code sst2-sentiment:3}
	 */
	public BulkClassifier(Cascade cascade, List<Label> labels, String version) {
		this.cascade = Objects.requireNonNull(cascade, "cascade");
		this.labels = List.copyOf(labels);
		this.version = Objects.requireNonNull(version, "version");
	}

	/**
	 * Runs, or resumes, a bulk classification.
	 * @param request what to classify, where to, and whether to resume
	 * @param listener told after every chunk; asked whether to stop
	 * @return what was done, finished or stopped
	 * @throws ResumeRefusedException if the checkpoint is not this run's
	 * @throws InputChangedException if the input file changes while the run reads it; the
	 * last checkpoint stays
	 * @throws IOException if the input cannot be read, a row is malformed (before any row
	 * is classified) or the output cannot be written
	 * @throws dev.tango.core.tier.TierException if a tier fails; the last checkpoint
	 * stays
	 */
	public BulkResult run(Request request, Listener listener) throws IOException {
		long start = System.nanoTime();
		BulkInput.Survey survey = request.input().survey();
		Path checkpointFile = BulkCheckpoint.fileOf(request.output());
		BulkCheckpoint checkpoint = request.resume() ? resumable(checkpointFile, request, survey) : null;
		ResultWriter writer = new ResultWriter(request.outputFormat(), request.withId(), this.version, this.labels);
		try (FileChannel out = FileChannel.open(request.output(), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			if (checkpoint == null) {
				out.truncate(0);
				write(out, writer.header());
				checkpoint = new BulkCheckpoint(survey.sha256(), survey.rows(), survey.file(), this.version,
						request.outputFormat(), 0, 0, out.position(),
						Collections.nCopies(this.cascade.stages().size(), 0L), survey.rows() == 0, idColumn(request),
						request.chunkSize());
				checkpoint.write(checkpointFile);
			}
			else {
				out.truncate(checkpoint.outputBytes());
				out.position(checkpoint.outputBytes());
			}
			long resumedFrom = checkpoint.rowsDone();
			listener
				.started(new BulkProgress(resumedFrom, checkpoint.inputRows(), resumedFrom, System.nanoTime() - start));
			if (!checkpoint.finished()) {
				checkpoint = classify(request, survey, listener, out, writer, checkpoint, checkpointFile, start);
			}
			return new BulkResult(request.output(), checkpointFile, checkpoint, resumedFrom, System.nanoTime() - start);
		}
	}

	private BulkCheckpoint classify(Request request, BulkInput.Survey survey, Listener listener, FileChannel out,
			ResultWriter writer, BulkCheckpoint from, Path checkpointFile, long start) throws IOException {
		BulkCheckpoint checkpoint = from;
		long[] answered = checkpoint.answeredByTier().stream().mapToLong(Long::longValue).toArray();
		try (BulkInput.Cursor rows = request.input().open()) {
			InputRow next = skip(rows, checkpoint, request.input());
			while (next != null && !listener.stopRequested()) {
				List<InputRow> chunk = new ArrayList<>(request.chunkSize());
				while (next != null && chunk.size() < request.chunkSize()) {
					chunk.add(next);
					next = rows.next();
				}
				checkUnchanged(request.input(), survey);
				List<TextInput> inputs = new ArrayList<>(chunk.size());
				for (InputRow row : chunk) {
					inputs.add(row.input());
				}
				CascadeResult result = this.cascade.classify(inputs, false);
				for (Prediction prediction : result.predictions()) {
					answered[prediction.tier()]++;
				}
				write(out, writer.format(chunk, result.predictions()));
				out.force(false);
				long done = checkpoint.rowsDone() + chunk.size();
				checkpoint = checkpoint.after(done, (next != null) ? next.line() : 0, out.position(),
						Arrays.stream(answered).boxed().toList(), next == null);
				checkpoint.write(checkpointFile);
				listener.chunkDone(
						new BulkProgress(done, checkpoint.inputRows(), from.rowsDone(), System.nanoTime() - start));
			}
		}
		return checkpoint;
	}

	/**
	 * Fails if the input's file is not as the run's survey found it: the rows just read
	 * may then be of another version of it, and are neither classified nor checkpointed.
	 */
	private static void checkUnchanged(BulkInput input, BulkInput.Survey survey) throws IOException {
		BulkInput.FileStamp was = survey.file();
		BulkInput.FileStamp now = input.stamp();
		if (was != null && now != null && !was.equals(now)) {
			throw new InputChangedException(input.description() + " changed while the run read it: "
					+ InputChangedException.how(was, now)
					+ "; its rows since the last checkpoint were not classified. Resume once it is back as it was, "
					+ "or start again without resuming");
		}
	}

	/** Skips the rows a checkpoint has done; returns the first row to classify. */
	private static @Nullable InputRow skip(BulkInput.Cursor rows, BulkCheckpoint checkpoint, BulkInput input)
			throws IOException {
		InputRow row = rows.next();
		while (row != null && row.number() <= checkpoint.rowsDone()) {
			row = rows.next();
		}
		if (checkpoint.rowsDone() > 0 && (row == null || row.line() != checkpoint.nextLine())) {
			throw new ResumeRefusedException("The checkpoint's next row, at line " + checkpoint.nextLine() + " of "
					+ input.description() + ", is not where the input has it; start again without resuming");
		}
		return row;
	}

	private @Nullable BulkCheckpoint resumable(Path checkpointFile, Request request, BulkInput.Survey survey)
			throws IOException {
		if (!Files.exists(checkpointFile)) {
			return null;
		}
		BulkCheckpoint checkpoint = BulkCheckpoint.read(checkpointFile);
		String again = "; start again without resuming, or resume with what the checkpoint was made with";
		List<String> changes = new ArrayList<>(2);
		BulkInput.FileStamp was = checkpoint.inputFile();
		BulkInput.FileStamp now = survey.file();
		if (was != null && now != null && !was.equals(now)) {
			changes.add(InputChangedException.how(was, now));
		}
		if (!checkpoint.inputSha256().equals(survey.sha256())) {
			changes.add("its sha256 is " + survey.sha256() + ", was " + checkpoint.inputSha256());
		}
		if (!changes.isEmpty()) {
			throw new ResumeRefusedException("The input " + request.input().description()
					+ " is not the one the checkpoint was made for: " + String.join(", ", changes) + again);
		}
		if (!checkpoint.cascadeVersion().equals(this.version)) {
			throw new ResumeRefusedException("The checkpoint was made with cascade version "
					+ checkpoint.cascadeVersion() + ", not " + this.version + again);
		}
		if (checkpoint.outputFormat() != request.outputFormat()) {
			throw new ResumeRefusedException("The checkpoint's output is " + checkpoint.outputFormat() + ", not "
					+ request.outputFormat() + again);
		}
		if (checkpoint.chunkSize() != null) {
			String idColumn = idColumn(request);
			boolean sameId = (checkpoint.idColumn() == null) ? idColumn == null
					: checkpoint.idColumn().equalsIgnoreCase(idColumn);
			if (!sameId) {
				throw new ResumeRefusedException("The checkpoint's results are identified by "
						+ identifiedBy(checkpoint.idColumn()) + ", not " + identifiedBy(idColumn) + again);
			}
			if (checkpoint.chunkSize() != request.chunkSize()) {
				throw new ResumeRefusedException("The checkpoint was made with chunks of " + checkpoint.chunkSize()
						+ " rows, not " + request.chunkSize()
						+ " (rows classified together share batches, so other chunks may answer otherwise)" + again);
			}
		}
		if (!Files.exists(request.output())) {
			throw new ResumeRefusedException("The output " + request.output() + " is missing, though its checkpoint "
					+ checkpointFile.getFileName() + " records " + checkpoint.outputBytes()
					+ " bytes of results: remove the checkpoint and start again without resuming");
		}
		long length = Files.size(request.output());
		if (length < checkpoint.outputBytes()) {
			throw new ResumeRefusedException("The output " + request.output() + " holds " + length
					+ " bytes, fewer than the " + checkpoint.outputBytes()
					+ " its checkpoint recorded: it was changed; start again without resuming");
		}
		return checkpoint;
	}

	private static @Nullable String idColumn(Request request) {
		return request.withId() ? request.input().idColumn() : null;
	}

	private static String identifiedBy(@Nullable String idColumn) {
		return (idColumn != null) ? "the column '" + idColumn + "'" : "no column";
	}

	private static void write(FileChannel out, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			out.write(buffer);
		}
	}

	/**
	 * What to classify.
	 *
	 * @param input the rows
	 * @param output the results file; its checkpoint goes beside it
	 * @param outputFormat the results' format
	 * @param withId whether the results carry each row's identifier (the input must have
	 * an identifier column)
	 * @param chunkSize rows per chunk (and checkpoint), at least 1
	 * @param resume whether to continue from the output's checkpoint if there is one
	 * (else the output is started again)
	 */
	public record Request(BulkInput input, Path output, DatasetFormat outputFormat, boolean withId, int chunkSize,
			boolean resume) {

		public Request {
			Objects.requireNonNull(input, "input");
			Objects.requireNonNull(output, "output");
			Objects.requireNonNull(outputFormat, "outputFormat");
			if (chunkSize < 1) {
				throw new IllegalArgumentException("The chunk size must be at least 1, was " + chunkSize);
			}
		}

	}

	/** Told how a run goes. Called on the running thread. */
	public interface Listener {

		/**
		 * Called once, before the first chunk, with where the run starts: after the rows
		 * its checkpoint has done, or at the first row.
		 * @param progress the rows already done and the rows in all
		 */
		default void started(BulkProgress progress) {
		}

		/**
		 * Called after each chunk's results and checkpoint are written; may throw to stop
		 * the run (the checkpoint stays).
		 * @param progress how far the run has got
		 */
		void chunkDone(BulkProgress progress);

		/**
		 * Asked before each chunk.
		 * @return {@code true} to stop after the last checkpoint
		 */
		default boolean stopRequested() {
			return false;
		}

	}

}
