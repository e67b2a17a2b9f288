package dev.tango.admin.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.tango.admin.dataset.DatasetNotFoundException;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.core.cascade.Cascade;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.bulk.BulkClassifier;
import dev.tango.runtime.bulk.BulkInput;
import dev.tango.runtime.bulk.BulkProgress;
import dev.tango.runtime.bulk.BulkResult;
import dev.tango.runtime.bulk.InputChangedException;
import dev.tango.runtime.bulk.ResumeRefusedException;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;

/**
 * Classifies a stored data set or a file under the input directory through a cascade
 * version with the runtime's {@link BulkClassifier}, into the job's folder of
 * {@code tango.admin.bulk.output-directory} ({@code job-{id}/results.jsonl}, {@code .tsv}
 * or {@code .csv}, with its checkpoint beside it). Progress is the phase
 * {@code classifying} with rows done of all. A cancelled or interrupted attempt keeps the
 * checkpoint, and the job restarted resumes after its last chunk without classifying
 * finished rows again; a restart whose input or cascade version changed meanwhile fails
 * saying so. The results are downloaded from {@code GET /api/jobs/{id}/result}.
 */
@Component
public class BulkClassifyJob extends AbstractJobHandler<BulkClassifyParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "BULK_CLASSIFY";

	private static final Logger logger = LoggerFactory.getLogger(BulkClassifyJob.class);

	private final BulkInputs inputs;

	private final CascadeTargets targets;

	private final CascadeVersionLoader loader;

	private final BulkProperties properties;

	BulkClassifyJob(BulkInputs inputs, CascadeTargets targets, CascadeVersionLoader loader, BulkProperties properties) {
		super(KIND, BulkClassifyParameters.class);
		this.inputs = inputs;
		this.targets = targets;
		this.loader = loader;
		this.properties = properties;
	}

	@Override
	public void check(BulkClassifyParameters parameters) {
		this.inputs.check(parameters);
		this.targets.find(parameters.cascade(), parameters.version());
	}

	/**
	 * {@inheritDoc}
	 * @return the data set classified; none for a file under the input directory
	 */
	@Override
	public Set<Long> datasets(BulkClassifyParameters parameters) {
		return JobHandler.datasetIds(parameters.datasetId());
	}

	/**
	 * Returns the results file of a job.
	 * @param job the job's identifier
	 * @param format the results' format
	 * @return the file in the job's folder of the output directory
	 */
	public Path output(long job, DatasetFormat format) {
		return this.properties.outputDirectory()
			.toAbsolutePath()
			.normalize()
			.resolve("job-" + job)
			.resolve("results." + format.name().toLowerCase(Locale.ROOT));
	}

	@Override
	public BulkClassifyReport run(BulkClassifyParameters parameters, JobContext context) throws IOException {
		context.progress("reading the input", 0, 0, null);
		BulkInput input;
		try {
			input = this.inputs.resolve(parameters);
		}
		catch (IllegalArgumentException | DatasetNotFoundException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		CascadeVersion version = this.targets.find(parameters.cascade(), parameters.version());
		Path output = output(context.jobId(), parameters.outputFormatOrDefault());
		if (context.attempt() == 1) {
			// a first attempt has nothing to resume: whatever is there is another job's
			FileSystemUtils.deleteRecursively(output.getParent());
		}
		Files.createDirectories(output.getParent());
		context.progress("loading the cascade", 1, 0, null);
		BulkResult result;
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			BulkClassifier classifier = new BulkClassifier(new Cascade(loaded.stages()), loaded.labels(),
					version.cascade() + ":" + version.version());
			result = classifier.run(
					new BulkClassifier.Request(input, output, parameters.outputFormatOrDefault(),
							parameters.idColumn() != null, this.properties.chunkSize(), true),
					new BulkClassifier.Listener() {

						@Override
						public void started(BulkProgress progress) {
							classifying(progress);
						}

						@Override
						public void chunkDone(BulkProgress progress) {
							classifying(progress);
						}

						@Override
						public boolean stopRequested() {
							context.checkCancelled();
							return false;
						}

						private void classifying(BulkProgress progress) {
							context.progress("classifying", 2, 100, progress.rowsDone(),
									Math.max(1, progress.rowsTotal()));
						}

					});
		}
		catch (ResumeRefusedException | InputChangedException | DatasetFormatException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		logger.info("Job {} classified {} rows of {} with {}:{} (resumed from {}) at {} rows/s", context.jobId(),
				result.rowsDone(), input.description(), version.cascade(), version.version(), result.resumedFrom(),
				Math.round(result.rowsPerSecond()));
		return new BulkClassifyReport(version.cascade(), version.version(), input.description(),
				result.checkpointState().inputSha256(), result.rowsDone(), result.resumedFrom(),
				result.answeredByTier(), parameters.outputFormatOrDefault(), Files.size(output),
				"/api/jobs/" + context.jobId() + "/result", result.nanos() / 1e9, result.rowsPerSecond());
	}

}
