package dev.tango.runtime.data;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The file formats of labelled data sets. All are UTF-8.
 */
public enum DatasetFormat {

	/** Tab-separated values with a header row, RFC 4180 quoting. */
	TSV("text/tab-separated-values"),

	/** Comma-separated values with a header row, RFC 4180 quoting. */
	CSV("text/csv"),

	/**
	 * One JSON object per line: {@code text}, {@code label}, optionally {@code pair},
	 * {@code split}.
	 */
	JSONL("application/jsonl");

	private final String mediaType;

	DatasetFormat(String mediaType) {
		this.mediaType = mediaType;
	}

	/**
	 * Returns the media type files of this format are sent as.
	 * @return the media type
	 */
	public String mediaType() {
		return this.mediaType;
	}

	/**
	 * Guesses the format from a file name's extension ({@code .tsv}, {@code .csv},
	 * {@code .jsonl}, {@code .ndjson}).
	 * @param fileName the name, or {@code null}
	 * @return the format, or empty
	 */
	public static Optional<DatasetFormat> fromFileName(@Nullable String fileName) {
		if (fileName == null) {
			return Optional.empty();
		}
		String name = fileName.toLowerCase(Locale.ROOT);
		if (name.endsWith(".tsv") || name.endsWith(".tab")) {
			return Optional.of(TSV);
		}
		if (name.endsWith(".csv")) {
			return Optional.of(CSV);
		}
		if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
			return Optional.of(JSONL);
		}
		return Optional.empty();
	}

	/**
	 * Guesses the format from a media type.
	 * @param mediaType the media type, or {@code null}
	 * @return the format, or empty
	 */
	public static Optional<DatasetFormat> fromMediaType(@Nullable String mediaType) {
		if (mediaType == null) {
			return Optional.empty();
		}
		String type = mediaType.toLowerCase(Locale.ROOT);
		if (type.startsWith("text/tab-separated-values")) {
			return Optional.of(TSV);
		}
		if (type.startsWith("text/csv")) {
			return Optional.of(CSV);
		}
		if (type.startsWith("application/jsonl") || type.startsWith("application/x-ndjson")
				|| type.startsWith("application/x-jsonlines")) {
			return Optional.of(JSONL);
		}
		return Optional.empty();
	}

}
