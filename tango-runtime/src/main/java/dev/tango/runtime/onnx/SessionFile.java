package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.tango.runtime.onnx.edit.EncodedModel;
import dev.tango.runtime.onnx.edit.PerTokenQuantization;

/**
 * The file an ONNX Runtime session is created from: the model's own, or, for
 * {@link ActivationQuantization#PER_TOKEN} and a dynamically quantised model, its
 * {@link PerTokenQuantization per-token rewrite} in a temporary file that
 * {@link #close()} deletes once the session has read it. A model with external data is
 * not rewritten: its data must stay beside the file that names it.
 */
final class SessionFile implements AutoCloseable {

	private final Path path;

	private final @Nullable Path temporary;

	private SessionFile(Path path, @Nullable Path temporary) {
		this.path = path;
		this.temporary = temporary;
	}

	/**
	 * Prepares the file a model's session is created from.
	 * @param model the model
	 * @param quantization how its activations are to be quantised
	 * @return the file, to be closed once the session exists
	 * @throws IOException if the model cannot be read or rewritten, or the rewrite is
	 * asked of a dynamically quantised model with external data
	 */
	static SessionFile of(OnnxModelFile model, ActivationQuantization quantization) throws IOException {
		if (quantization != ActivationQuantization.PER_TOKEN) {
			return new SessionFile(model.file(), null);
		}
		try {
			EncodedModel encoded = EncodedModel.read(model.file());
			if (!PerTokenQuantization.applies(encoded)) {
				return new SessionFile(model.file(), null);
			}
			if (!model.externalData().isEmpty()) {
				throw new IOException("a model with external data " + model.externalData().keySet()
						+ " is not rewritten: use per-batch");
			}
			Path temporary = Files.createTempFile("tango-per-token-", ".onnx");
			try {
				PerTokenQuantization.rewrite(encoded).write(temporary);
				return new SessionFile(temporary, temporary);
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(temporary);
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new IOException(
					"Cannot quantise the activations of " + model.file() + " per token: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the file to create the session from.
	 * @return the path
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Deletes the rewrite, if one was written.
	 * @throws IOException if it cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		if (this.temporary != null) {
			Files.deleteIfExists(this.temporary);
		}
	}

}
