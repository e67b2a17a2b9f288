package dev.tango.train.loop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A run's checkpoint file, {@value #FILE} in the run's directory: the
 * {@link CheckpointState} followed by four array lists (trainable parameters, AdamW's
 * first and second moments, the best weights so far), each in DJL's
 * {@link NDList#encode() encoding} with a length prefix (0 for an empty list: no best
 * weights before the first evaluation).
 *
 * <p>
 * Written atomically: to a temporary file in the same directory, forced to disk, then
 * moved over the previous checkpoint, so a run killed while writing leaves the previous
 * checkpoint whole.
 */
final class Checkpoint {

	static final String FILE = "checkpoint.bin";

	private static final String MAGIC = "tango-train-checkpoint";

	private static final int VERSION = 1;

	private Checkpoint() {
	}

	/**
	 * The arrays of a checkpoint, decoded into a caller's manager.
	 */
	record Arrays(NDList parameters, NDList firstMoments, NDList secondMoments, NDList bestWeights) {

	}

	static void write(Path directory, CheckpointState state, Arrays arrays) throws IOException {
		Files.createDirectories(directory);
		Path temporary = directory.resolve(FILE + ".tmp");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			OutputStream stream = Channels.newOutputStream(channel);
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
			out.writeUTF(MAGIC);
			out.writeInt(VERSION);
			out.writeUTF(state.fingerprint());
			out.writeLong(state.step());
			out.writeInt(state.epoch());
			out.writeInt(state.batchInEpoch());
			out.writeLong(state.seed());
			out.writeLong(state.optimiserSteps());
			out.writeDouble(state.bestAccuracy());
			out.writeLong(state.bestStep());
			out.writeInt(state.evaluationsWithoutImprovement());
			out.writeDouble(state.lastAccuracy());
			for (NDList list : new NDList[] { arrays.parameters(), arrays.firstMoments(), arrays.secondMoments(),
					arrays.bestWeights() }) {
				byte[] encoded = list.isEmpty() ? new byte[0] : list.encode();
				out.writeInt(encoded.length);
				out.write(encoded);
			}
			out.flush();
			channel.force(true);
		}
		Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Reads a run's checkpoint scalars without its arrays.
	 * @return the state, or empty when the directory holds no checkpoint
	 */
	static Optional<CheckpointState> readState(Path directory) throws IOException {
		Path file = directory.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try (DataInputStream in = open(file)) {
			return Optional.of(state(in, file));
		}
	}

	/**
	 * Reads a run's checkpoint arrays into a manager.
	 */
	static Arrays readArrays(Path directory, NDManager manager) throws IOException {
		Path file = directory.resolve(FILE);
		try (DataInputStream in = open(file)) {
			state(in, file);
			NDList[] lists = new NDList[4];
			for (int i = 0; i < lists.length; i++) {
				byte[] encoded = new byte[in.readInt()];
				in.readFully(encoded);
				lists[i] = (encoded.length == 0) ? new NDList() : NDList.decode(manager, encoded);
			}
			return new Arrays(lists[0], lists[1], lists[2], lists[3]);
		}
	}

	private static DataInputStream open(Path file) throws IOException {
		InputStream stream = Files.newInputStream(file);
		return new DataInputStream(new BufferedInputStream(stream, 1 << 16));
	}

	private static CheckpointState state(DataInputStream in, Path file) throws IOException {
		if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
			throw new IOException(file + " is not a version " + VERSION + " training checkpoint");
		}
		return new CheckpointState(in.readUTF(), in.readLong(), in.readInt(), in.readInt(), in.readLong(),
				in.readLong(), in.readDouble(), in.readLong(), in.readInt(), in.readDouble());
	}

	/**
	 * Copies a saved array into a live one of the same shape and type, in place.
	 * @param what names the array in an error
	 */
	static void copyInto(NDArray saved, NDArray live, String what) {
		if (!saved.getShape().equals(live.getShape()) || saved.getDataType() != live.getDataType()) {
			throw new IllegalArgumentException("Saved " + what + " is " + saved.getDataType() + saved.getShape()
					+ ", the model's is " + live.getDataType() + live.getShape());
		}
		live.set(saved.toByteBuffer());
	}

}
