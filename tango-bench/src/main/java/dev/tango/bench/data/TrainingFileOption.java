package dev.tango.bench.data;

import java.io.IOException;
import java.nio.file.Path;

import dev.tango.runtime.data.LabelledDataset;
import picocli.CommandLine.Option;

/**
 * The option of the commands that fit or train on a labelled file: {@code --train}, a TSV
 * file, or CSV by its name.
 */
public final class TrainingFileOption {

	@Option(names = "--train", required = true, description = "the labelled training file (TSV, or CSV by its name)")
	Path train;

	/**
	 * Reads the training file.
	 * @return its rows, in file order
	 * @throws IOException if the file cannot be read or parsed
	 */
	public LabelledDataset read() throws IOException {
		return LabelledDataset.read(this.train);
	}

	/**
	 * Returns the training file.
	 * @return its path
	 */
	public Path file() {
		return this.train;
	}

}
