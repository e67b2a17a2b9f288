package dev.tango.admin.feedback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.DatasetRejectedException;
import dev.tango.admin.dataset.DatasetTooLargeException;
import dev.tango.admin.dataset.DatasetNames;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.LabelledExample;

/**
 * Turns the feedback of a cascade that came with its texts into a labelled data set, so
 * that a job works on it as on any uploaded one: the rows are written as JSONL and stored
 * through {@link Datasets} (the same checks, a sha256, and a name that says where they
 * came from). Feedback sent without its text is kept as a digest only and cannot be used.
 */
@Component
public class FeedbackDatasets {

	private final FeedbackStore feedback;

	private final Datasets datasets;

	private final JsonMapper json;

	FeedbackDatasets(FeedbackStore feedback, Datasets datasets, JsonMapper json) {
		this.feedback = feedback;
		this.datasets = datasets;
		this.json = json;
	}

	/**
	 * Stores a cascade's feedback as the data set {@code feedback:<cascade>:job-<id>} of
	 * a job, or returns it if an earlier attempt of the job stored it.
	 * @param cascade the cascade's name
	 * @param maxRows the most items to take, the newest
	 * @param context the job
	 * @return the data set
	 * @throws JobFailedException if the cascade has no feedback with texts, or the data
	 * set is refused (one label only, too large)
	 */
	public Dataset store(String cascade, int maxRows, JobContext context) {
		String name = DatasetNames.storedByJob(cascade, context.jobId());
		for (Dataset existing : this.datasets.list()) {
			if (existing.name().equals(name)) {
				return existing;
			}
		}
		List<LabelledExample> rows = this.feedback.labelledTexts(cascade, maxRows);
		if (rows.isEmpty()) {
			throw new JobFailedException("Cascade '" + cascade + "' has no feedback with texts to calibrate on: "
					+ "send the inputs' texts with their labels to tango-api's POST /v1/feedback");
		}
		try {
			return this.datasets.storeForJob(
					new Datasets.Upload(name, DatasetFormat.JSONL, jsonLines(rows), null, null, context.actor()));
		}
		catch (DatasetRejectedException | DatasetTooLargeException ex) {
			throw new JobFailedException(
					"The feedback of cascade '" + cascade + "' cannot be used as a data set: " + ex.getMessage(), ex);
		}
	}

	private byte[] jsonLines(List<LabelledExample> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (LabelledExample row : rows) {
			Map<String, String> line = new LinkedHashMap<>();
			line.put("text", row.input().text());
			String pair = row.input().pair();
			if (pair != null) {
				line.put("pair", pair);
			}
			line.put("label", row.label());
			out.writeBytes(this.json.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		return out.toByteArray();
	}

}
