package dev.tango.admin.training;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.fitting.FitHeadJob;
import dev.tango.admin.fitting.HeadChecks;
import dev.tango.admin.fitting.HeadDirectory;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.admin.registry.ModelRegistration;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ModelVersion;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.train.distil.DistilResult;
import dev.tango.train.distil.DistilSettings;
import dev.tango.train.distil.LexicalDistiller;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.fit.FitSettings;

/**
 * Distils a lexical student from a teacher, the last tier of a registered cascade version
 * (a transformer student is a fine-tune job with a teacher, see
 * {@link FineTuneParameters#teacher()}): the teacher labels the labelled rows (and the
 * texts of an optional second data set) with its probabilities softened at a temperature,
 * {@link LexicalDistiller} fits the student on them (mixed with the hard labels), and the
 * student's head is written to the head directory and registered as a new {@code LEXICAL}
 * model version, its provenance (teacher, temperature, alpha, data) inside the head file.
 */
@Component
public class DistilJob extends AbstractJobHandler<DistilParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "DISTIL";

	private final Datasets datasets;

	private final CascadeTargets targets;

	private final CascadeVersionLoader loader;

	private final ModelRegistration registration;

	private final HeadDirectory heads;

	DistilJob(Datasets datasets, CascadeTargets targets, CascadeVersionLoader loader, ModelRegistration registration,
			HeadDirectory heads) {
		super(KIND, DistilParameters.class);
		this.datasets = datasets;
		this.targets = targets;
		this.loader = loader;
		this.registration = registration;
		this.heads = heads;
	}

	/**
	 * Checks the parameters, the data sets, the rows (two labels at least, rows to hold
	 * out), the teacher (its settings, and that it knows every label of the rows) and
	 * that the student's head, over the teacher's labels, fits in memory
	 * ({@link HeadChecks}).
	 */
	@Override
	public void check(DistilParameters parameters) {
		parameters.check();
		Dataset dataset = this.datasets.require(parameters.datasetId());
		List<String> labels = this.datasets.requireTwoLabels(dataset, parameters.split());
		HeadChecks.requireRowsToHoldOut(dataset.labelledName(parameters.split()),
				this.datasets.labelCounts(dataset, parameters.split()));
		if (parameters.unlabelledDatasetId() != null) {
			this.datasets.require(parameters.unlabelledDatasetId());
		}
		List<String> teacherLabels = RegisteredTeacher.check(this.targets, parameters.teacher(), labels);
		requireStudentFits(teacherLabels.size(), parameters.teacher());
	}

	/** Checks that the student's head, over the teacher's labels, fits in memory. */
	private static void requireStudentFits(int labels, TeacherRequest teacher) {
		HeadChecks.requireLexicalHeadFits(labels, "labels of the teacher (cascade " + teacher.cascade() + ")",
				"Distil from a teacher of fewer labels, or train a transformer student (a fine-tune job with a "
						+ "teacher and layers)");
	}

	/**
	 * {@inheritDoc}
	 * @return the labelled data set and, if given, the one whose texts the teacher labels
	 * too
	 */
	@Override
	public Set<Long> datasets(DistilParameters parameters) {
		return JobHandler.datasetIds(parameters.datasetId(), parameters.unlabelledDatasetId());
	}

	@Override
	public DistilReport run(DistilParameters parameters, JobContext context) throws IOException {
		DistilSettings settings;
		try {
			parameters.check();
			settings = new DistilSettings(parameters.teacher().temperatureOrDefault(),
					parameters.teacher().alphaOrDefault(),
					FitSettings.defaults()
						.withSeed(parameters.seedOrDefault())
						.withCommand("distil job " + context.jobId() + " by " + context.actor()),
					parameters.teacher().augmentOrDefault());
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("reading the data sets", 0, 0, null);
		LabelledDataset labelled = this.datasets.labelled(parameters.datasetId(), parameters.split());
		try {
			// before the teacher is loaded, which takes a while
			HeadChecks.requireRowsToHoldOut(labelled);
			requireStudentFits(
					this.targets.find(parameters.teacherCascade(), parameters.teacherVersion()).labels().size(),
					parameters.teacher());
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		UnlabelledTexts unlabelled = unlabelled(parameters.unlabelledDatasetId());
		context.progress("loading the teacher", 2, 0, null);
		DistilResult result;
		String teacherId;
		try (RegisteredTeacher teacher = RegisteredTeacher.open(this.targets, this.loader, parameters.teacher())) {
			teacherId = teacher.description();
			try {
				result = LexicalDistiller.distil(labelled, unlabelled, teacher.teacher(), LexicalSpec.defaults(),
						settings,
						(done, total) -> context.progress("the teacher labelling the texts", 5, 80, done, total));
			}
			catch (IllegalArgumentException ex) {
				throw new JobFailedException("Cannot distil from " + teacherId + ": " + ex.getMessage(), ex);
			}
		}
		context.progress("registering", 90, 0, null);
		ArtifactRef head = this.heads.writeHead(result.head(), parameters.model(), context.jobId());
		List<String> labels = result.head().head().labels();
		ModelVersion registered = this.registration.register(
				FitHeadJob.lexicalVersion(parameters.model(), head, labels, parameters.description(), context.actor()),
				true);
		return new DistilReport(registered.key().toString(), head.uri(), head.sha256(), teacherId, labels,
				result.rows(), augmentedRows(result), settings.temperature(), settings.alpha(), result.l2(),
				result.heldOutAccuracy(), result.heldOutAgreement(), result.teacherHeldOutAccuracy(),
				result.teacherTime().toMillis() / 1e3, result.fitTime().toMillis() / 1e3);
	}

	private static int augmentedRows(DistilResult result) {
		Distillation distillation = Objects.requireNonNull(result.head().training(), "training").distillation();
		return Objects.requireNonNull(distillation, "distillation").augmentedRows();
	}

	private @Nullable UnlabelledTexts unlabelled(@Nullable Long id) {
		if (id == null) {
			return null;
		}
		LabelledDataset rows = this.datasets.labelled(id, null);
		List<TextInput> texts = rows.inputs();
		return new UnlabelledTexts(rows.name(), rows.sha256(), texts);
	}

}
