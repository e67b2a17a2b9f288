package dev.tango.admin.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Datasets;
import dev.tango.runtime.bulk.BulkInput;
import dev.tango.runtime.bulk.FileInput;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;

/**
 * Turns a job's parameters into its input: a stored data set, or a file that must lie in
 * the allowed input directory once links are resolved. Every refusal is an
 * {@link IllegalArgumentException} whose message says what to do.
 */
@Component
class BulkInputs {

	private final Datasets datasets;

	private final BulkProperties properties;

	BulkInputs(Datasets datasets, BulkProperties properties) {
		this.datasets = datasets;
		this.properties = properties;
	}

	/**
	 * Checks the parameters' input and returns it.
	 * @param parameters the job's parameters
	 * @return the input
	 * @throws IllegalArgumentException if neither or both inputs are given, or the file
	 * is outside the input directory, missing or of no known format
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if the data set does not
	 * exist
	 */
	BulkInput resolve(BulkClassifyParameters parameters) {
		if ((parameters.datasetId() == null) == (parameters.path() == null)) {
			throw new IllegalArgumentException("Give exactly one of 'datasetId' (a stored data set) and 'path' "
					+ "(a file under tango.admin.bulk.input-directory)");
		}
		Long datasetId = parameters.datasetId();
		if (datasetId != null) {
			if (parameters.idColumn() != null) {
				throw new IllegalArgumentException("'idColumn' applies to files only: a data set's rows have none");
			}
			return new DatasetInput(this.datasets, this.datasets.require(datasetId));
		}
		Path file = file(String.valueOf(parameters.path()));
		DatasetFormat format = (parameters.format() != null) ? parameters.format()
				: DatasetFormat.fromFileName(file.getFileName().toString())
					.orElseThrow(() -> new IllegalArgumentException("Cannot tell the format of '" + parameters.path()
							+ "' from its name: give 'format' (TSV, CSV or JSONL)"));
		return new FileInput(file, String.valueOf(parameters.path()), format, parameters.idColumn());
	}

	/**
	 * Checks the parameters' input as {@link #resolve} does and, for a file, reads its
	 * header and first row, so that a file without the columns the job needs, or not of
	 * the format given, is refused at submission.
	 * @param parameters the job's parameters
	 * @throws IllegalArgumentException as {@link #resolve} does, and if the file's header
	 * or first row is refused
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if the data set does not
	 * exist
	 */
	void check(BulkClassifyParameters parameters) {
		if (resolve(parameters) instanceof FileInput file) {
			try {
				file.checkHeaderAndFirstRow();
			}
			catch (DatasetFormatException ex) {
				throw new IllegalArgumentException(ex.getMessage(), ex);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(
						"No readable file '" + parameters.path() + "' in the input directory", ex);
			}
		}
	}

	private Path file(String path) {
		Path root = this.properties.inputDirectory();
		if (root == null) {
			throw new IllegalArgumentException("Files cannot be classified by path: tango.admin.bulk.input-directory "
					+ "is not set; classify an uploaded data set ('datasetId') instead");
		}
		Path real;
		Path realRoot;
		try {
			realRoot = root.toRealPath();
			Path candidate = realRoot.resolve(path).normalize();
			if (!candidate.startsWith(realRoot)) {
				throw outside(path);
			}
			real = candidate.toRealPath();
		}
		catch (InvalidPathException | IOException ex) {
			throw new IllegalArgumentException("No readable file '" + path + "' in the input directory", ex);
		}
		if (!real.startsWith(realRoot)) {
			throw outside(path);
		}
		if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
			throw new IllegalArgumentException("'" + path + "' is not a readable file in the input directory");
		}
		return real;
	}

	private static IllegalArgumentException outside(String path) {
		return new IllegalArgumentException(
				"'" + path + "' is outside the input directory (tango.admin.bulk.input-directory); "
						+ "only files under it can be classified");
	}

}
