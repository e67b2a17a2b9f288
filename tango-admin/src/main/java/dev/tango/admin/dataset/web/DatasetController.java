package dev.tango.admin.dataset.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.DatasetDeletion;
import dev.tango.admin.dataset.DatasetTooLargeException;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.rest.JsonResource;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetRow;

/**
 * Uploads, lists, shows and deletes labelled data sets. An upload is a multipart form
 * ({@code file}, and optionally {@code name}, {@code format}, {@code cascade},
 * {@code cascadeVersion}) or the file itself as the body, with its media type
 * ({@code text/tab-separated-values}, {@code text/csv}, {@code application/jsonl}) or a
 * {@code format} parameter.
 */
@JsonResource("/api/datasets")
@Tag(name = "datasets", description = "Labelled data sets for fitting, evaluation and calibration")
class DatasetController {

	private final Datasets datasets;

	private final DatasetDeletion deletion;

	DatasetController(Datasets datasets, DatasetDeletion deletion) {
		this.datasets = datasets;
		this.deletion = deletion;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a data set as a multipart form",
			description = "TSV or CSV with a header naming text and label (optionally pair, split), or JSONL; "
					+ "UTF-8. With a cascade, every label must be one of its labels.")
	ResponseEntity<Dataset> uploadForm(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable DatasetFormat format,
			@RequestParam(required = false) @Nullable String cascade,
			@RequestParam(required = false) @Nullable Integer cascadeVersion, Principal principal) throws IOException {
		if (file.getSize() > this.datasets.maxBytes()) {
			throw new DatasetTooLargeException(this.datasets.maxBytes());
		}
		String fileName = file.getOriginalFilename();
		DatasetFormat resolved = (format != null) ? format
				: DatasetFormat.fromFileName(fileName)
					.or(() -> DatasetFormat.fromMediaType(file.getContentType()))
					.orElseThrow(() -> unknownFormat(fileName));
		String datasetName = (name != null) ? name : baseName(Objects.requireNonNullElse(fileName, ""));
		return created(new Datasets.Upload(datasetName, resolved, file.getBytes(), cascade, cascadeVersion,
				principal.getName()));
	}

	@PostMapping(consumes = { "text/tab-separated-values", "text/csv", "application/jsonl", "application/x-ndjson",
			MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE })
	@Operation(summary = "Upload a data set as the request body",
			description = "The media type or the format parameter says the format.")
	ResponseEntity<Dataset> uploadBody(HttpServletRequest request, @RequestParam String name,
			@RequestParam(required = false) @Nullable DatasetFormat format,
			@RequestParam(required = false) @Nullable String cascade,
			@RequestParam(required = false) @Nullable Integer cascadeVersion, Principal principal) throws IOException {
		DatasetFormat resolved = (format != null) ? format
				: DatasetFormat.fromMediaType(request.getContentType()).orElseThrow(() -> unknownFormat(null));
		return created(
				new Datasets.Upload(name, resolved, read(request), cascade, cascadeVersion, principal.getName()));
	}

	@GetMapping
	@Operation(summary = "List every data set, newest first")
	List<Dataset> list() {
		return this.datasets.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Show a data set")
	Dataset show(@PathVariable long id) {
		return this.datasets.require(id);
	}

	@GetMapping("/{id}/rows")
	@Operation(summary = "Read rows of a data set in file order")
	List<DatasetRow> rows(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > 10_000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"offset must be non-negative and limit between 1 and 10000");
		}
		return this.datasets.rows(id, offset, limit);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a data set and its rows",
			description = "Refused (409) while a queued or running job reads the data set; the problem's `jobs` "
					+ "name them (`id`, `kind`, `status`).")
	void delete(@PathVariable long id) {
		this.deletion.delete(id);
	}

	private ResponseEntity<Dataset> created(Datasets.Upload upload) {
		if (upload.cascade() == null && upload.cascadeVersion() != null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"cascadeVersion names a version of the cascade given as cascade: give cascade too");
		}
		Dataset dataset = this.datasets.store(upload);
		return ResponseEntity.created(URI.create("/api/datasets/" + dataset.id())).body(dataset);
	}

	private byte[] read(HttpServletRequest request) throws IOException {
		long max = this.datasets.maxBytes();
		if (request.getContentLengthLong() > max) {
			throw new DatasetTooLargeException(max);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
			if (content.length > max) {
				throw new DatasetTooLargeException(max);
			}
			return content;
		}
	}

	private static ResponseStatusException unknownFormat(@Nullable String fileName) {
		return new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Cannot tell the format of " + ((fileName != null) ? "'" + fileName + "'" : "the body")
						+ ": name the file .tsv, .csv or .jsonl, send its media type, or pass format=TSV|CSV|JSONL");
	}

	private static String baseName(String fileName) {
		String name = fileName.substring(fileName.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

}
