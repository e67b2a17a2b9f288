package dev.tango.admin.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.tango.admin.calibration.CalibrationReport;
import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.fitting.HeadDirectory;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.JobFolders;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.finetune.ExportedTier;
import dev.tango.train.finetune.FineTuneRequest;
import dev.tango.train.finetune.FineTuner;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.transformer.TrainableEncoder;

/**
 * Fine-tunes a trainable encoder with a linear head on an uploaded labelled data set
 * ({@link FineTuner}: linear probe, then end-to-end training on the PyTorch engine),
 * exports it as float32 and int8 ONNX tiers into a folder of the head directory, and
 * registers them as model versions with the run's provenance ({@link TrainedTiers}). With
 * a teacher ({@link FineTuneParameters#teacher()}), loaded from the registry for the run,
 * the rows trained on carry its softened probabilities: with {@code layers}, the job
 * trains the transformer student of a distillation.
 *
 * <p>
 * The loop checkpoints into the job's folder ({@link JobFolders}, under
 * {@code tango.admin.jobs.training-directory}) every {@code checkpointEvery} steps; an
 * attempt that stops (cancelled, its instance killed or shut down, or past
 * {@code tango.admin.jobs.max-run-time}) leaves the checkpoint, and the job restarted
 * resumes from it with the same weights, optimiser state and data order, for as long as
 * {@code tango.admin.jobs.checkpoint-retention} keeps it. Progress is the phase
 * {@code training} with steps done of all; the loss and held-out accuracy are drawn as
 * the job's curves.
 */
@Component
public class FineTuneJob extends AbstractJobHandler<FineTuneParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "FINE_TUNE";

	private static final Logger logger = LoggerFactory.getLogger(FineTuneJob.class);

	/** What the export and registration are expected to take after the loop. */
	private static final Duration AFTER_TRAINING = Duration.ofSeconds(20);

	private final Datasets datasets;

	private final TrainedTiers tiers;

	private final TrainingSlot slot;

	private final CascadeExtension cascades;

	private final CascadeTargets targets;

	private final CascadeVersionLoader loader;

	private final JsonMapper json;

	private final HeadDirectory heads;

	private final JobFolders folders;

	FineTuneJob(Datasets datasets, TrainedTiers tiers, TrainingSlot slot, CascadeExtension cascades,
			CascadeTargets targets, CascadeVersionLoader loader, JsonMapper json, HeadDirectory heads,
			JobFolders folders) {
		super(KIND, FineTuneParameters.class);
		this.datasets = datasets;
		this.tiers = tiers;
		this.slot = slot;
		this.cascades = cascades;
		this.targets = targets;
		this.loader = loader;
		this.json = json;
		this.heads = heads;
		this.folders = folders;
	}

	@Override
	public void check(FineTuneParameters parameters) {
		parameters.check();
		Dataset dataset = this.datasets.require(parameters.datasetId());
		List<Dataset.LabelCount> counts = this.datasets.labelCounts(dataset, parameters.split());
		parameters.checkRows(counts, "data set " + dataset.describe(parameters.split()));
		List<String> labels = counts.stream().map(Dataset.LabelCount::label).toList();
		if (parameters.teacher() != null) {
			RegisteredTeacher.checkSameLabels(this.targets, parameters.teacher(),
					(parameters.labels() != null) ? parameters.labels() : labels);
		}
		CascadeExtension.@Nullable Request cascade = parameters.cascade();
		if (cascade != null) {
			this.datasets.require(cascade.datasetId());
			try {
				this.cascades.check(cascade, labels);
			}
			catch (RegistryNotFoundException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("cascade: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * {@inheritDoc}
	 * @return the data set trained on and, with a cascade to extend, the one its
	 * calibration runs on
	 */
	@Override
	public Set<Long> datasets(FineTuneParameters parameters) {
		CascadeExtension.@Nullable Request cascade = parameters.cascade();
		return JobHandler.datasetIds(parameters.datasetId(), (cascade != null) ? cascade.datasetId() : null);
	}

	@Override
	public @Nullable String activates(FineTuneParameters parameters) {
		CascadeExtension.@Nullable Request cascade = parameters.cascade();
		return (cascade != null && Boolean.TRUE.equals(cascade.activate())) ? cascade.name() : null;
	}

	@Override
	public FineTuneReport run(FineTuneParameters parameters, JobContext context)
			throws IOException, InterruptedException {
		long start = System.nanoTime();
		context.progress("reading the data set", 0, 0, null);
		LabelledDataset rows;
		try {
			parameters.check();
			if (parameters.cascade() != null) {
				// the version to extend may have changed since the job was queued
				this.cascades.checkGates(parameters.cascade());
			}
			rows = parameters.ordered(this.datasets.labelled(parameters.datasetId(), parameters.split()));
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		Path work = this.folders.of(context.jobId());
		if (context.attempt() == 1) {
			// a first attempt has nothing to resume: whatever is there is another job's
			FileSystemUtils.deleteRecursively(work);
		}
		String name = tierName(parameters.model(), context.jobId());
		Path folder = this.heads.resolve(name);
		// the share of the job the loop takes: most of it, unless a calibration follows
		double trained = (parameters.cascade() != null) ? 60 : 90;
		FineTuneRequest request;
		FineTuner.Outcome outcome;
		try (TrainingSlot.Held held = this.slot.acquire(context, 1);
				RegisteredTeacher teacher = (parameters.teacher() != null)
						? RegisteredTeacher.open(this.targets, this.loader, parameters.teacher()) : null) {
			request = new FineTuneRequest(name, TrainableEncoder.byId(parameters.encoder()), rows, null,
					parameters.heldOutOrDefault(), parameters.settings(), FineTuneRequest.DEFAULT_DROPOUT,
					parameters.freezeWordEmbeddingsOrDefault(), parameters.layersOrDefault(),
					work.resolve("checkpoint"), (teacher != null) ? teacher.teacherFor(rows.labels()) : null,
					"fine-tune job " + context.jobId() + " by " + context.actor() + ": " + describe(parameters), null,
					(parameters.teacher() != null) ? parameters.teacher().augmentOrDefault() : 0);
			context.progress("preparing the rows and the encoder", 2, 0, null);
			outcome = FineTuner.withDefaults()
				.run(request, folder, new JobTrainingListener(context, 5, trained, AFTER_TRAINING), () -> false);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new JobFailedException("Cannot fine-tune on " + rows.name() + ": " + ex.getMessage(), ex);
		}
		ExportedTier files = outcome.exported();
		TrainingResult training = outcome.training();
		if (files == null) {
			context.checkCancelled();
			throw new JobFailedException("The training loop stopped without exporting (" + training.status() + ")");
		}
		context.progress("registering", trained + 2, 0, null);
		List<ModelVersion> registered = this.tiers.register(files, parameters.model(), parameters.int8OrDefault(),
				rows.sha256(), parameters.description(), context.actor());
		FileSystemUtils.deleteRecursively(work);
		CalibrationReport calibration = (parameters.cascade() != null)
				? this.cascades.extend(parameters.cascade(), registered.get(0).key(), context) : null;
		JsonNode provenance = this.json.readTree(files.provenance().toFile());
		logger.info("Job {} fine-tuned {} on {} in {} steps (resumed from {}): held-out accuracy {}, registered {}",
				context.jobId(), parameters.encoder(), rows.name(), training.steps(), training.resumedFromStep(),
				training.bestHeldOutAccuracy(),
				registered.stream().map((version) -> version.key().toString()).toList());
		return new FineTuneReport(registered.stream().map((version) -> version.key().toString()).toList(),
				folder.toUri().toString(), files.provenance().toUri().toString(), rows.name(), rows.sha256(),
				rows.labels(), provenance.at("/data/rows").asInt(), provenance.at("/data/heldOutRows").asInt(),
				training.steps(), training.resumedFromStep(), training.skippedSteps(),
				Double.isNaN(training.bestHeldOutAccuracy()) ? null : training.bestHeldOutAccuracy(),
				training.bestStep(), request.settings().seed(), (System.nanoTime() - start) / 1e9, calibration);
	}

	/** The tier's id, naming its files: the model's name made safe, and the job. */
	static String tierName(String model, long job) {
		String safe = model.replaceAll("[^A-Za-z0-9._-]", "_");
		return (safe.length() > 80 ? safe.substring(0, 80) : safe) + "-job" + job;
	}

	private String describe(FineTuneParameters parameters) {
		return this.json.writeValueAsString(parameters);
	}

}
