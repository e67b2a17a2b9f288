package dev.tango.admin.fitting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.tango.admin.job.JobProperties;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;

/**
 * The folder jobs write what they train into, {@code tango.admin.jobs.head-directory}
 * made absolute and normalised: the heads of fit-head and distil jobs, the exported tiers
 * of fine-tune jobs. What is registered from it is referenced by {@code file:} URI, so it
 * must lie inside one of {@code tango.artifacts.allowed-roots}. Thread-safe.
 */
@Component
public class HeadDirectory {

	private final Path root;

	HeadDirectory(JobProperties properties) {
		this.root = properties.headDirectory().toAbsolutePath().normalize();
	}

	/**
	 * Writes the head a job fitted for a model, as {@code <model>-job<id>.json} (the
	 * model's name made safe for a file name), creating the folder if needed and
	 * replacing an earlier attempt's file, and digests it.
	 * @param head the head
	 * @param model the model's name
	 * @param job the job's identifier
	 * @return the file's {@code file:} URI and sha256
	 * @throws IOException if it cannot be written
	 */
	public ArtifactRef writeHead(HeadFile head, String model, long job) throws IOException {
		Files.createDirectories(this.root);
		Path file = this.root.resolve(model.replaceAll("[^A-Za-z0-9._-]", "_") + "-job" + job + ".json");
		HeadFiles.write(head, file);
		return new ArtifactRef(file.toUri().toString(), Sha256.of(file));
	}

	/**
	 * Returns a path in the folder.
	 * @param name a file or folder name, without separators
	 * @return the absolute path
	 */
	public Path resolve(String name) {
		return this.root.resolve(name);
	}

}
