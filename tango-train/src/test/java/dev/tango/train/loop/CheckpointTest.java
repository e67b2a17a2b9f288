package dev.tango.train.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

	@TempDir
	Path directory;

	@Test
	void writesAtomicallyAndReadsBackStateAndArrays() throws IOException {
		CheckpointState state = new CheckpointState("abc", 120, 2, 7, 42, 120, 0.8125, 100, 1, 0.79);
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			NDList weights = new NDList(manager.create(new float[] { 1, 2, 3, 4 }, new Shape(2, 2)),
					manager.create(new float[] { 5, 6 }));
			Checkpoint.write(this.directory, state, new Checkpoint.Arrays(weights, weights, weights, new NDList()));
			assertThat(Checkpoint.readState(this.directory)).contains(state);
			assertThat(this.directory.resolve(Checkpoint.FILE + ".tmp")).doesNotExist();
			Checkpoint.Arrays arrays = Checkpoint.readArrays(this.directory, manager);
			assertThat(arrays.parameters().get(0).getShape()).isEqualTo(new Shape(2, 2));
			assertThat(arrays.secondMoments().get(1).toFloatArray()).containsExactly(5, 6);
			assertThat(arrays.bestWeights()).isEmpty();

			NDList live = new NDList(manager.zeros(new Shape(2, 2)));
			Checkpoint.copyInto(arrays.parameters().get(0), live.get(0), "w");
			assertThat(live.get(0).toFloatArray()).containsExactly(1, 2, 3, 4);
			assertThatThrownBy(() -> Checkpoint.copyInto(arrays.parameters().get(1), live.get(0), "w"))
				.hasMessageContaining("Saved w");
		}
	}

	@Test
	void aDirectoryWithoutCheckpointHasNoStateAndAForeignFileIsRefused() throws IOException {
		assertThat(Checkpoint.readState(this.directory)).isEmpty();
		Files.writeString(this.directory.resolve(Checkpoint.FILE), "not a checkpoint");
		assertThatThrownBy(() -> Checkpoint.readState(this.directory)).isInstanceOf(IOException.class);
	}

}
