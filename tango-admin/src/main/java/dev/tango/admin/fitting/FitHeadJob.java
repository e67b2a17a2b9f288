package dev.tango.admin.fitting;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.admin.registry.ModelRegistration;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitProgress;
import dev.tango.train.fit.FitResult;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.FitSummary;
import dev.tango.train.fit.HeadFitter;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.LexicalSpec;

/**
 * Fits a linear head on a data set (on a bundled encoder, or lexical) with
 * {@link HeadFitter}, writes it into the {@link HeadDirectory}, and registers it as a new
 * version of a model, with its sha256. Progress is reported as the inputs are embedded
 * (after each batch) and as each L2 strength is tried; a cancellation or the run-time
 * limit takes effect at the next report.
 */
@Component
public class FitHeadJob extends AbstractJobHandler<FitHeadParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "FIT_HEAD";

	private final Datasets datasets;

	private final ModelRegistration registration;

	private final HeadDirectory heads;

	FitHeadJob(Datasets datasets, ModelRegistration registration, HeadDirectory heads) {
		super(KIND, FitHeadParameters.class);
		this.datasets = datasets;
		this.registration = registration;
		this.heads = heads;
	}

	/**
	 * Checks that the data set exists, then the parameters, then the rows: two labels at
	 * least, rows to hold out, and for a lexical head, labels few enough for the head to
	 * fit in memory ({@link HeadChecks}).
	 */
	@Override
	public void check(FitHeadParameters parameters) {
		Dataset dataset = this.datasets.require(parameters.datasetId());
		parameters.check();
		this.datasets.requireTwoLabels(dataset, parameters.split());
		List<Dataset.LabelCount> counts = this.datasets.labelCounts(dataset, parameters.split());
		HeadChecks.requireRowsToHoldOut(dataset.labelledName(parameters.split()), counts);
		if (FitHeadParameters.LEXICAL.equals(parameters.encoder())) {
			requireLexicalHeadFits(counts.size(), dataset.describe(parameters.split()));
		}
	}

	private static void requireLexicalHeadFits(int labels, String dataset) {
		HeadChecks.requireLexicalHeadFits(labels, "labels of data set " + dataset,
				"Merge or drop rare labels, fit an encoder head (\"encoder\": \""
						+ BundledEncoder.ALL_MINILM_L6_V2_Q.id() + "\", 384 floats per label)");
	}

	@Override
	public Set<Long> datasets(FitHeadParameters parameters) {
		return Set.of(parameters.datasetId());
	}

	@Override
	public FitReport run(FitHeadParameters parameters, JobContext context) throws IOException {
		try {
			parameters.check();
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("reading the data set", 0, 0, null);
		Dataset dataset = this.datasets.require(parameters.datasetId());
		LabelledDataset data = this.datasets.labelled(dataset.id(), parameters.split());
		if (data.labels().size() < 2) {
			throw new JobFailedException("The data set " + dataset.describe(parameters.split())
					+ " has fewer than two labels: a classifier needs at least two");
		}
		if (FitHeadParameters.LEXICAL.equals(parameters.encoder())) {
			try {
				requireLexicalHeadFits(data.labels().size(), dataset.describe(parameters.split()));
			}
			catch (IllegalArgumentException ex) {
				throw new JobFailedException(ex.getMessage(), ex);
			}
		}
		FitSettings settings = FitSettings.defaults()
			.withSeed(Objects.requireNonNullElse(parameters.seed(), 42L))
			.withCommand("fit-head job " + context.jobId() + " by " + context.actor());
		if (parameters.l2Grid() != null) {
			settings = settings.withL2Grid(parameters.l2Grid());
		}
		context.progress("preparing the features", 5, 0, null);
		DefaultArtifactSource source = DefaultArtifactSource.create();
		HeadFitter fitter = new HeadFitter(source, new EmbeddingCache(source.cache().directory()))
			.withProgress((phase, done, total) -> {
				boolean embedding = FitProgress.EMBEDDING.equals(phase);
				context.progress(phase, embedding ? 5 : 75, embedding ? 75 : 90, done, total);
			});
		FitResult result;
		BundledEncoder encoder = BundledEncoder.byId(parameters.encoder()).orElse(null);
		try {
			if (encoder == null) {
				result = fitter.fitLexicalHead(data, LexicalSpec.defaults(), settings);
			}
			else {
				try (SentenceEncoder opened = SentenceEncoder.open(encoder, source, settings.ortOptions())) {
					result = fitter.fitEncoderHead(data, opened, settings);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException("Cannot fit a head on '" + dataset.name() + "': " + ex.getMessage(), ex);
		}
		context.progress("registering", 90, data.size(), (long) data.size());
		ArtifactRef head = this.heads.writeHead(result.head(), parameters.model(), context.jobId());
		String sha256 = head.sha256();
		ModelVersion registered = this.registration
			.register(newVersion(parameters, encoder, head, result.head().head().labels(), context.actor()), true);
		return FitReport.of(registered.key().toString(), head.uri(), sha256, FitSummary.of(result, data));
	}

	/**
	 * Returns the registration of a lexical model: its head alone, which reads texts
	 * whole.
	 * @param model the model's name
	 * @param head the head file
	 * @param labels the labels in output order
	 * @param description free text, or {@code null}
	 * @param actor who registers it
	 * @return the new version
	 */
	public static NewModelVersion lexicalVersion(String model, ArtifactRef head, List<String> labels,
			@Nullable String description, String actor) {
		return new NewModelVersion(model, "lexical-linear", Map.of(ArtifactRole.HEAD, head), Label.of(labels),
				TierRegistration.UNLIMITED_INPUT, null, Map.of(), description, actor);
	}

	private static NewModelVersion newVersion(FitHeadParameters parameters, @Nullable BundledEncoder encoder,
			ArtifactRef head, List<String> labels, String actor) {
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		artifacts.put(ArtifactRole.HEAD, head);
		if (encoder == null) {
			return lexicalVersion(parameters.model(), head, labels, parameters.description(), actor);
		}
		EncoderIdentity identity = encoder.identity();
		artifacts.put(ArtifactRole.MODEL, new ArtifactRef(encoder.modelUri(), identity.onnxSha256()));
		artifacts.put(ArtifactRole.TOKENIZER, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256()));
		return new NewModelVersion(parameters.model(), "encoder-linear", artifacts, Label.of(labels),
				identity.maxTokens(), Pooling.valueOf(identity.pooling().name()), Map.of(), parameters.description(),
				actor);
	}

}
