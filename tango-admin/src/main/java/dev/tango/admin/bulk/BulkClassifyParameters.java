package dev.tango.admin.bulk;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import dev.tango.runtime.data.DatasetFormat;

/**
 * What a bulk classification job classifies, with what, into what. Exactly one of
 * {@code datasetId} and {@code path} is given.
 *
 * @param cascade the cascade's name
 * @param version the version; default the active one, else the latest
 * @param datasetId a stored data set to classify (every row)
 * @param path a file to classify, relative to {@code tango.admin.bulk.input-directory}
 * (or absolute inside it)
 * @param format the file's format, TSV, CSV or JSONL; default from its name
 * @param outputFormat the results' format; default JSONL
 * @param idColumn a column (or JSONL field) of the file to copy to each result
 */
public record BulkClassifyParameters(@NotBlank String cascade, @Nullable Integer version, @Nullable Long datasetId,
		@Nullable String path, @Nullable DatasetFormat format, @Nullable DatasetFormat outputFormat,
		@Nullable String idColumn) {

	/**
	 * Returns the results' format.
	 * @return the format given, else JSONL
	 */
	public DatasetFormat outputFormatOrDefault() {
		return (this.outputFormat != null) ? this.outputFormat : DatasetFormat.JSONL;
	}

}
