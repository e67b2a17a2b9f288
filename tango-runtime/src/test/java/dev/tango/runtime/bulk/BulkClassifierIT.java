package dev.tango.runtime.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.LabelledDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk engine on real SST-2 rows through the bundled default cascade (a lexical
 * student, then bge-small fine-tuned in int8), loaded from its classpath descriptor:
 * results compared row by row with the same rows classified through the cascade directly,
 * a run stopped after some chunks and resumed, and the refusals of a resume.
 */
class BulkClassifierIT {

	private static final Path DEV = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2",
			"dev.tsv");

	private static final String VERSION = "sst2-sentiment:1";

	/** The chunk size of the runs over a few rows. */
	private static final int CHUNK = 40;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static LoadedCascade loaded;

	private static Cascade cascade;

	@TempDir
	Path dir;

	@BeforeAll
	static void open() throws IOException {
		DefaultArtifactSource source = DefaultArtifactSource.create();
		String folder = "classpath:tango/cascades/sst2-sentiment/";
		CascadeSpec spec;
		try (InputStream in = source.open(folder + "cascade.json")) {
			spec = CascadeDescriptor.parse(in, folder + "cascade.json");
		}
		loaded = new CascadeLoader(source)
			.open(spec.map((tier) -> tier.withArtifactUris((uri) -> uri.contains(":") ? uri : folder + uri)));
		cascade = new Cascade(loaded.stages());
	}

	@AfterAll
	static void close() {
		loaded.close();
	}

	@Test
	void classifiesEveryDevRowAsTheCascadeDoesInInputOrder() throws IOException {
		int chunk = 128;
		Path out = this.dir.resolve("dev.jsonl");
		List<String> chunks = new ArrayList<>();
		BulkResult result = new BulkClassifier(cascade, loaded.labels(), VERSION)
			.run(new BulkClassifier.Request(new FileInput(DEV, DatasetFormat.TSV, null), out, DatasetFormat.JSONL,
					false, chunk, false), (progress) -> chunks.add(progress.rowsDone() + "/" + progress.rowsTotal()));

		List<TextInput> inputs = LabelledDataset.read(DEV).inputs();
		assertThat(inputs).hasSize(872);
		assertThat(result.finished()).isTrue();
		assertThat(result.rowsDone()).isEqualTo(872);
		assertThat(result.resumedFrom()).isZero();
		assertThat(chunks).hasSize(7).startsWith("128/872").endsWith("872/872");
		List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(872);
		long[] answered = new long[2];
		for (int from = 0; from < inputs.size(); from += chunk) {
			List<Prediction> expected = cascade
				.classify(inputs.subList(from, Math.min(from + chunk, inputs.size())), false)
				.predictions();
			for (int i = 0; i < expected.size(); i++) {
				JsonNode line = JSON.readTree(lines.get(from + i));
				Prediction prediction = expected.get(i);
				assertThat(line.get("row").asLong()).isEqualTo(from + i + 1);
				assertThat(line.get("label").asString()).as("the label's display name")
					.isEqualTo(prediction.label().equals("1") ? "positive" : "negative");
				assertThat(line.get("confidence").asDouble()).isEqualTo(prediction.confidence());
				assertThat(line.get("tier").asInt()).isEqualTo(prediction.tier());
				assertThat(line.get("version").asString()).isEqualTo(VERSION);
				answered[prediction.tier()]++;
			}
		}
		assertThat(answered[0]).as("some rows answered by each tier").isPositive();
		assertThat(answered[1]).isPositive();
		assertThat(result.answeredByTier()).containsExactly(answered[0], answered[1]);
		BulkCheckpoint checkpoint = BulkCheckpoint.read(BulkCheckpoint.fileOf(out));
		assertThat(checkpoint.inputSha256()).isEqualTo(Sha256.of(DEV));
		assertThat(checkpoint.outputBytes()).isEqualTo(Files.size(out));
		assertThat(checkpoint.finished()).isTrue();
	}

	@Test
	void rowsWhoseLaterTierIsOutOfReachAndFallsBackAreMarkedAsFallbacks() throws IOException {
		Stage last = loaded.stages().get(1);
		Tier down = new Tier() {

			@Override
			public String name() {
				return last.tier().name();
			}

			@Override
			public List<String> labels() {
				return last.tier().labels();
			}

			@Override
			public Activation activation() {
				return last.tier().activation();
			}

			@Override
			public int preferredBatchSize() {
				return last.tier().preferredBatchSize();
			}

			@Override
			public int maxInputTokens() {
				return last.tier().maxInputTokens();
			}

			@Override
			public List<Scores> classify(List<TextInput> inputs) {
				throw new TierUnavailableException("remote down", Duration.ofSeconds(1), true, null);
			}

		};
		Cascade fallingBack = new Cascade(List.of(loaded.stages().get(0), new Stage(down, last.settings())));
		Path out = this.dir.resolve("dev.tsv");
		BulkResult result = new BulkClassifier(fallingBack, loaded.labels(), VERSION).run(new BulkClassifier.Request(
				new FileInput(DEV, DatasetFormat.TSV, null), out, DatasetFormat.TSV, false, 256, false), (progress) -> {
				});

		assertThat(result.rowsDone()).isEqualTo(872);
		List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo("row\tlabel\tconfidence\ttier\tversion\tfallback");
		List<Prediction> expected = cascade.classify(LabelledDataset.read(DEV).inputs(), false).predictions();
		int fallbacks = 0;
		for (int i = 0; i < expected.size(); i++) {
			String[] fields = lines.get(i + 1).split("\t");
			boolean escalated = expected.get(i).tier() == 1;
			assertThat(fields[3]).as("row %d answered by the first tier", i + 1).isEqualTo("0");
			assertThat(fields[5]).as("row %d", i + 1).isEqualTo(Boolean.toString(escalated));
			fallbacks += escalated ? 1 : 0;
		}
		assertThat(fallbacks).as("rows the last tier would have answered").isPositive();
	}

	@Test
	void aStoppedRunResumesAfterItsLastCheckpointAndWritesWhatAnUninterruptedRunWrites() throws IOException {
		Path input = firstRowsWithIds(150);
		Path whole = this.dir.resolve("whole.tsv");
		BulkClassifier classifier = new BulkClassifier(cascade, loaded.labels(), VERSION);
		classifier.run(request(input, whole, false), (progress) -> {
		});

		Path out = this.dir.resolve("stopped.tsv");
		BulkResult stopped = classifier.run(request(input, out, false), stoppingAfter(2));
		assertThat(stopped.finished()).isFalse();
		assertThat(stopped.rowsDone()).isEqualTo(80);
		// a chunk that was being written when the process died
		Files.writeString(out, "151\tpartial\t1\t0.9", StandardOpenOption.APPEND);

		List<Long> startedAt = new ArrayList<>();
		BulkResult resumed = classifier.run(request(input, out, true), new BulkClassifier.Listener() {

			@Override
			public void started(BulkProgress progress) {
				startedAt.add(progress.resumedFrom());
			}

			@Override
			public void chunkDone(BulkProgress progress) {
				assertThat(progress.rowsDone()).isGreaterThan(80);
			}

		});
		assertThat(startedAt).containsExactly(80L);
		assertThat(resumed.resumedFrom()).isEqualTo(80);
		assertThat(resumed.finished()).isTrue();
		assertThat(Files.readString(out)).isEqualTo(Files.readString(whole));
		assertThat(Files.readAllLines(out).get(0)).isEqualTo("row\tid\tlabel\tconfidence\ttier\tversion\tfallback");
		assertThat(Files.readAllLines(out).get(1)).startsWith("1\tdev-1\t");
		assertThat(resumed.answeredByTier().stream().mapToLong(Long::longValue).sum()).isEqualTo(150);
	}

	@Test
	void refusesToResumeWithAnotherInputOrCascadeVersion() throws IOException {
		Path input = firstRowsWithIds(40);
		Path out = this.dir.resolve("out.tsv");
		new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, false), stoppingAfter(1));

		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), "sst2-sentiment:2")
			.run(request(input, out, true), (progress) -> {
			})).isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining("cascade version sst2-sentiment:1, not sst2-sentiment:2");

		Files.writeString(input, "a changed row\tdev-x\n", StandardOpenOption.APPEND);
		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, true),
				(progress) -> {
				}))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining(input + " is not the one the checkpoint was made for: its size is "
					+ Files.size(input) + " bytes, was ")
			.hasMessageContaining("its sha256 is " + Sha256.of(input));
		assertThat(BulkCheckpoint.read(BulkCheckpoint.fileOf(out)).rowsDone()).as("the checkpoint stays")
			.isEqualTo(CHUNK);
	}

	@Test
	void refusesToResumeFromAChangedCheckpointOrWithoutItsOutputBeforeWritingAnything() throws IOException {
		Path input = firstRowsWithIds(40);
		Path out = this.dir.resolve("out.tsv");
		new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, false), stoppingAfter(1));
		Path checkpoint = BulkCheckpoint.fileOf(out);
		String saved = Files.readString(checkpoint);
		byte[] results = Files.readAllBytes(out);

		Files.writeString(checkpoint, saved.replaceFirst("\"rowsDone\"\\s*:\\s*\\d+", "\"rowsDone\":-3"));
		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, true),
				(progress) -> {
				}))
			.hasMessageContaining("Cannot read the checkpoint " + checkpoint
					+ ": its rowsDone lies outside [0, 40], was -3: the checkpoint was changed");
		Files.writeString(checkpoint, "{\"inputSha256\": \"x\"}");
		assertThatThrownBy(() -> BulkCheckpoint.read(checkpoint))
			.hasMessageEndingWith("is missing or of another type: it is not the checkpoint of a bulk run");
		Files.writeString(checkpoint, """
				{"inputSha256": "x", "inputRows": 1, "outputFormat": "TSV", "rowsDone": 0, "nextLine": 0,
				 "outputBytes": 0, "answeredByTier": [], "finished": false}""");
		assertThatThrownBy(() -> BulkCheckpoint.read(checkpoint))
			.hasMessageEndingWith("its field 'cascadeVersion' is missing: it is not the checkpoint of a bulk run");
		assertThat(out).as("nothing written").hasBinaryContent(results);

		Files.writeString(checkpoint, saved);
		Files.delete(out);
		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, true),
				(progress) -> {
				}))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining("The output " + out + " is missing, though its checkpoint");
		assertThat(out).doesNotExist();
	}

	@Test
	void refusesToResumeWithAnotherIdentifierColumnOrChunkSize() throws IOException {
		Path input = firstRowsWithIds(40);
		Path out = this.dir.resolve("out.tsv");
		BulkClassifier classifier = new BulkClassifier(cascade, loaded.labels(), VERSION);
		classifier.run(request(input, out, false), stoppingAfter(1));
		BulkClassifier.Listener none = (progress) -> {
		};

		assertThatThrownBy(
				() -> classifier.run(new BulkClassifier.Request(new FileInput(input, DatasetFormat.TSV, null), out,
						DatasetFormat.TSV, false, CHUNK, true), none))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining("results are identified by the column 'id', not no column");
		assertThatThrownBy(
				() -> classifier.run(new BulkClassifier.Request(new FileInput(input, DatasetFormat.TSV, "text"), out,
						DatasetFormat.TSV, true, CHUNK, true), none))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining("identified by the column 'id', not the column 'text'");
		assertThatThrownBy(
				() -> classifier.run(new BulkClassifier.Request(new FileInput(input, DatasetFormat.TSV, "id"), out,
						DatasetFormat.TSV, true, CHUNK + 1, true), none))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining("chunks of " + CHUNK + " rows, not " + (CHUNK + 1));
		assertThat(BulkCheckpoint.read(BulkCheckpoint.fileOf(out)).rowsDone()).as("the checkpoint stays")
			.isEqualTo(CHUNK);
		// A header's name matches in any case, and so does the checkpoint's.
		assertThat(classifier
			.run(new BulkClassifier.Request(new FileInput(input, DatasetFormat.TSV, "ID"), out, DatasetFormat.TSV, true,
					CHUNK, true), none)
			.finished()).isTrue();
	}

	@Test
	void refusesToResumeAfterTheInputWasWrittenAgainAndResumesWhenItIsAsItWas() throws IOException {
		Path input = firstRowsWithIds(120);
		Path out = this.dir.resolve("out.tsv");
		stopAfterChunks(new BulkClassifier(cascade, loaded.labels(), VERSION), request(input, out, false), 1);
		BulkCheckpoint checkpoint = BulkCheckpoint.read(BulkCheckpoint.fileOf(out));
		assertThat(checkpoint.inputFile()).isEqualTo(BulkInput.FileStamp.of(input));

		// The same bytes written again: only the modification time tells.
		FileTime modified = Files.getLastModifiedTime(input);
		Files.setLastModifiedTime(input, FileTime.from(modified.toInstant().plusSeconds(5)));
		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, true),
				(progress) -> {
				}))
			.isInstanceOf(ResumeRefusedException.class)
			.hasMessageContaining(input + " is not the one the checkpoint was made for: it was modified at "
					+ modified.toInstant().plusSeconds(5) + ", was at " + modified.toInstant())
			.hasMessageNotContaining("sha256");

		Files.setLastModifiedTime(input, modified);
		List<Long> classified = new ArrayList<>();
		BulkResult resumed = new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, true),
				(progress) -> classified.add(progress.rowsDone()));
		assertThat(resumed.resumedFrom()).isEqualTo(CHUNK);
		assertThat(classified).as("no row done twice").containsExactly(2L * CHUNK, 3L * CHUNK);
		assertThat(resumed.finished()).isTrue();
	}

	@Test
	void stopsARunWhoseInputChangesWhileItIsRead() throws IOException {
		Path input = firstRowsWithIds(120);
		Path out = this.dir.resolve("out.tsv");
		assertThatThrownBy(() -> new BulkClassifier(cascade, loaded.labels(), VERSION).run(request(input, out, false),
				(progress) -> {
					if (progress.rowsDone() == CHUNK) {
						try {
							Files.writeString(input, "a row written meanwhile\tdev-x\n", StandardOpenOption.APPEND);
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					}
				}))
			.isInstanceOf(InputChangedException.class)
			.hasMessageContaining(input + " changed while the run read it: its size is ");
		assertThat(BulkCheckpoint.read(BulkCheckpoint.fileOf(out)).rowsDone())
			.as("the rows read after the change are not checkpointed")
			.isEqualTo(CHUNK);
	}

	/** Runs until some chunks are done, then asks the run to stop. */
	private static void stopAfterChunks(BulkClassifier classifier, BulkClassifier.Request request, int chunks)
			throws IOException {
		assertThat(classifier.run(request, stoppingAfter(chunks)).finished()).isFalse();
	}

	/** Returns a listener that asks the run to stop once some chunks are done. */
	private static BulkClassifier.Listener stoppingAfter(int chunks) {
		AtomicInteger done = new AtomicInteger();
		return new BulkClassifier.Listener() {

			@Override
			public void chunkDone(BulkProgress progress) {
				done.incrementAndGet();
			}

			@Override
			public boolean stopRequested() {
				return done.get() == chunks;
			}

		};
	}

	private static BulkClassifier.Request request(Path input, Path out, boolean resume) {
		return new BulkClassifier.Request(new FileInput(input, DatasetFormat.TSV, "id"), out, DatasetFormat.TSV, true,
				CHUNK, resume);
	}

	/** The first rows of SST-2 dev with an id column, as a TSV file. */
	private Path firstRowsWithIds(int rows) throws IOException {
		List<TextInput> inputs = LabelledDataset.read(DEV).inputs().subList(0, rows);
		StringBuilder text = new StringBuilder("text\tid\n");
		for (int i = 0; i < inputs.size(); i++) {
			text.append(inputs.get(i).text()).append("\tdev-").append(i + 1).append('\n');
		}
		return Files.writeString(this.dir.resolve("rows-" + rows + ".tsv"), text);
	}

}
