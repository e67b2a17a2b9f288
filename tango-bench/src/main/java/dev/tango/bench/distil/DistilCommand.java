package dev.tango.bench.distil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.tango.bench.Invocation;
import dev.tango.bench.Setting;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.data.TrainingFileOption;
import dev.tango.bench.fit.L2GridOption;
import dev.tango.bench.fit.LexicalOptions;
import dev.tango.bench.report.TextFiles;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.train.distil.DistilResult;
import dev.tango.train.distil.DistilSettings;
import dev.tango.train.distil.LexicalDistiller;
import dev.tango.train.distil.TierTeacher;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.fit.FitSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code distil}: trains a student on a teacher tier's softened probabilities over
 * labelled and unlabelled texts, a lexical head ({@link LexicalDistiller}) or a shallow
 * transformer ({@link TransformerStudent}), and writes the student's files, recording
 * this command line and the distillation in its provenance.
 */
@Command(name = "distil", mixinStandardHelpOptions = true, description = {
		"Distils a student from a cascade's tier, a lexical one by default: trained on the tier's softened probabilities "
				+ "over the labelled texts and any unlabelled ones; writes the student's head file.",
		"With --student transformer, the first layers of an encoder are trained instead, through the "
				+ "fine-tuning pipeline: the options of fine-tune it shares (--epochs, --max-steps, --warmup, "
				+ "--weight-decay, --evaluate-every, --patience, --checkpoint-dir, --checkpoint-every) apply "
				+ "to that student alone." })
public final class DistilCommand implements Callable<Integer> {

	/** The file the student's head is written to, in {@code --out}. */
	public static final String LEXICAL_HEAD = "lexical.head.json";

	/** The students that can be distilled. */
	enum Student {

		/** Hashed word n-grams with a linear softmax: the lexical tier. */
		lexical,

		/**
		 * The first layers of an encoder with a linear head: see
		 * {@link TransformerStudent}.
		 */
		transformer

	}

	@Spec
	CommandSpec spec;

	@Option(names = "--student", required = true, description = "the student to train: ${COMPLETION-CANDIDATES}")
	Student student;

	@Option(names = "--teacher", required = true,
			description = "the cascade descriptor (tango-cascade format) holding the teacher: a file or a classpath: URI")
	String teacher;

	@Option(names = "--teacher-tier",
			description = "the teacher tier of that cascade: its name or its position from 1 (default the last)")
	@Nullable String teacherTier;

	@Option(names = "--batch-size", description = "the teacher's batch size (default the descriptor's)")
	@Nullable Integer batchSize;

	@Mixin
	TrainingFileOption train;

	@Option(names = "--unlabelled", description = "more texts for the teacher to label: UTF-8, one per line")
	@Nullable Path unlabelled;

	@Setting("temperature")
	@Option(names = "--temperature", defaultValue = "2",
			description = "temperature T of the teacher's softened probabilities (default ${DEFAULT-VALUE})")
	double temperature;

	@Setting("alpha")
	@Option(names = "--alpha", defaultValue = "0.5",
			description = "weight of the hard label on labelled rows, 0 to 1; the teacher's term weighs (1 - alpha) T^2 "
					+ "(default ${DEFAULT-VALUE})")
	double alpha;

	@Setting("augment")
	@Option(names = "--augment", defaultValue = "0",
			description = "augmented variants of each text the student is trained on (word dropout, swaps, span "
					+ "deletion; never of held-out rows) for the teacher to score (default ${DEFAULT-VALUE})")
	int augment;

	@Option(names = "--out", required = true, description = "the folder to write the student to: " + LEXICAL_HEAD
			+ ", or the transformer student's tier files")
	Path out;

	@Option(names = "--seed", defaultValue = "42",
			description = "seed of the split that holds labelled rows out to choose L2 (default ${DEFAULT-VALUE})")
	long seed;

	@Mixin
	L2GridOption l2Grid;

	@Mixin
	LexicalOptions lexical;

	@Mixin
	TransformerStudent transformer;

	@Override
	public Integer call() throws Exception {
		refuseTheOtherStudentsOptions();
		FitSettings fit = this.l2Grid.settings(this.seed, Invocation.of(this.spec));
		DistilSettings settings = new DistilSettings(this.temperature, this.alpha, fit, this.augment);
		DefaultArtifactSource source = DefaultArtifactSource.create();
		CascadeFile file = CascadeFile.read(this.teacher, source);
		List<Path> inputs = (this.unlabelled != null) ? file.filesAnd(this.train.file(), this.unlabelled)
				: file.filesAnd(this.train.file());
		if (this.student == Student.lexical) {
			TextFiles.requireFolder("--out", this.out);
			TextFiles.requireNotAnInput("--out", this.out.resolve(LEXICAL_HEAD), inputs.toArray(Path[]::new));
			this.lexical.spec();
		}
		else {
			this.transformer.check(this.out, this.seed, inputs);
		}
		LabelledDataset data = this.train.read();
		UnlabelledTexts texts = (this.unlabelled != null) ? UnlabelledTexts.read(this.unlabelled) : null;
		TierSpec tierSpec = teacherSpec(file.descriptor());
		if (this.batchSize != null) {
			tierSpec = tierSpec.withBatchSize(this.batchSize);
		}
		DistilResult result;
		try (LoadedCascade loaded = new CascadeLoader(source)
			.open(new CascadeSpec(file.descriptor().name(), List.of(tierSpec)))) {
			LoadedTier tier = loaded.tiers().get(0);
			String id = this.teacher + "#" + tier.tier().name();
			TierTeacher teacher = new TierTeacher(id, tier.tier(), tier.settings().batchSize());
			if (this.student == Student.transformer) {
				return this.transformer.run(data, texts, this.augment, teacher, this.temperature, this.alpha, this.seed,
						this.out, Invocation.of(this.spec));
			}
			result = LexicalDistiller.distil(data, texts, teacher, this.lexical.spec(), settings,
					new ProgressLine(System.err, "teacher " + tier.tier().name()));
		}
		Files.createDirectories(this.out);
		Path headFile = this.out.resolve(LEXICAL_HEAD);
		HeadFiles.write(result.head(), headFile);
		print(result, data, texts, headFile);
		return 0;
	}

	/**
	 * Refuses an option of the student not chosen, which would be ignored: the
	 * transformer's (and the fine-tuning ones it shares) for a lexical student, the
	 * lexical features and L2 grid for a transformer one.
	 */
	private void refuseTheOtherStudentsOptions() {
		ParseResult parsed = this.spec.commandLine().getParseResult();
		List<String> mixins = (this.student == Student.lexical) ? List.of("transformer") : List.of("lexical", "l2Grid");
		List<String> given = mixins.stream()
			.flatMap((mixin) -> this.spec.mixins().get(mixin).options().stream())
			.map(OptionSpec::longestName)
			.filter(parsed::hasMatchedOption)
			.toList();
		if (!given.isEmpty()) {
			throw new IllegalArgumentException(String.join(", ", given) + ((given.size() == 1) ? " does" : " do")
					+ " not apply to a " + this.student + " student: leave " + ((given.size() == 1) ? "it" : "them")
					+ " out, or give another --student");
		}
	}

	private TierSpec teacherSpec(CascadeSpec cascade) {
		List<TierSpec> tiers = cascade.tiers();
		if (this.teacherTier == null) {
			return tiers.get(tiers.size() - 1);
		}
		for (int k = 0; k < tiers.size(); k++) {
			if (this.teacherTier.equals(tiers.get(k).name()) || this.teacherTier.equals(String.valueOf(k + 1))) {
				return tiers.get(k);
			}
		}
		throw new IllegalArgumentException("Cascade " + cascade.name() + " has no tier '" + this.teacherTier
				+ "': give a tier's name or its position from 1 to " + tiers.size());
	}

	private static void print(DistilResult result, LabelledDataset data, @Nullable UnlabelledTexts texts, Path file)
			throws IOException {
		System.out.printf(Locale.ROOT,
				"%s: lexical student of %s on %s (%d labelled rows, sha256 %s) and %d unlabelled texts, %d augmented, T %s, alpha %s: "
						+ "L2 %s; on %d held-out rows accuracy %.4f (teacher %.4f), agreement with the teacher %.4f; "
						+ "teacher %.1f s, fit %.1f s; %,d bytes%n",
				file, result.head().training().distillation().teacher(), data.name(), data.size(), data.sha256(),
				(texts != null) ? texts.size() : 0, result.head().training().distillation().augmentedRows(),
				result.head().training().distillation().temperature(), result.head().training().distillation().alpha(),
				result.l2(), result.head().training().heldOutRows(), result.heldOutAccuracy(),
				result.teacherHeldOutAccuracy(), result.heldOutAgreement(), result.teacherTime().toMillis() / 1e3,
				result.fitTime().toMillis() / 1e3, Files.size(file));
	}

}
