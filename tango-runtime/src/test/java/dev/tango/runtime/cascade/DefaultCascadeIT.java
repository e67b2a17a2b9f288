package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled default cascade {@code sst2-sentiment}, whose tiers Tango trained (a
 * lexical student distilled from a fine-tuned bge-small, which ships as an int8 delta on
 * the published int8 bge-small): loaded from the class path, its last tier rebuilt from
 * the delta, it answers the SST-2 dev set above 90%, the student answering its share.
 */
class DefaultCascadeIT {

	private static final String FOLDER = "classpath:tango/cascades/sst2-sentiment/";

	@TempDir
	Path cache;

	@Test
	void answersSst2DevAbove90PercentWithTheStudentAnsweringItsShare() throws IOException {
		DefaultArtifactSource source = new DefaultArtifactSource(new ArtifactCache(this.cache),
				getClass().getClassLoader());
		CascadeSpec spec;
		try (InputStream in = source.open(FOLDER + "cascade.json")) {
			spec = CascadeDescriptor.parse(in, FOLDER + "cascade.json");
		}
		LabelledDataset dev = LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "dev.tsv"));
		try (LoadedCascade loaded = new CascadeLoader(source)
			.open(spec.map((tier) -> tier.withArtifactUris((uri) -> uri.contains(":") ? uri : FOLDER + uri)))) {
			assertThat(loaded.tiers()).hasSize(2);
			List<Prediction> predictions = new Cascade(loaded.stages()).classify(dev.inputs(), false).predictions();
			long correct = 0;
			long[] answered = new long[2];
			for (int i = 0; i < dev.size(); i++) {
				correct += predictions.get(i).label().equals(dev.examples().get(i).label()) ? 1 : 0;
				answered[predictions.get(i).tier()]++;
			}
			long last = answered[1];
			double accuracy = (double) correct / dev.size();
			System.out.printf("sst2-sentiment on SST-2 dev: accuracy %.4f, %.1f%% answered by the last tier%n",
					accuracy, 100.0 * last / dev.size());
			assertThat(accuracy).as("calibrated within half a point of the last tier's 91.28 percent")
				.isGreaterThan(0.90);
			assertThat(answered[0]).as("inputs the lexical student answers").isGreaterThan(dev.size() / 10);
			assertThat(last).as("inputs answered by the last tier").isLessThan(dev.size() * 9L / 10);
		}
	}

}
