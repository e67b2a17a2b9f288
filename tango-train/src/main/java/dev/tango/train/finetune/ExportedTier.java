package dev.tango.train.finetune;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The files of a fine-tuned tier, all in one folder, named after the fine-tuned encoder's
 * id {@code <name>}. Each head file names its encoder by id and the SHA-256 of its ONNX
 * file; each descriptor is a one-tier cascade that opens it through the
 * {@code encoder-linear} kind, with the model and tokenizer given by URIs relative to the
 * folder.
 *
 * @param model the encoder with the trained weights, float32: {@code <name>.onnx}
 * @param int8Model its dynamic int8 quantisation: {@code <name>-int8.onnx}
 * @param tokenizer the encoder's tokenizer: {@code tokenizer.json}
 * @param head the trained head for the float32 encoder: {@code <name>.head.json}
 * @param int8Head the same head for the int8 encoder: {@code <name>-int8.head.json}
 * @param cascade a one-tier cascade of the float32 tier: {@code <name>.cascade.json}
 * @param int8Cascade a one-tier cascade of the int8 tier:
 * {@code <name>-int8.cascade.json}
 * @param provenance how the tier was made: {@code <name>.training.json}
 * @param delta the float32 encoder as a delta on the bundled encoder it was trained from,
 * or {@code null} when its graph is not that encoder's (cut to fewer layers)
 * @param int8Delta the int8 encoder as a delta on the int8 model published beside that
 * bundled encoder ({@code <name>-int8.delta}), or {@code null} when there is no delta
 */
public record ExportedTier(Path model, Path int8Model, Path tokenizer, Path head, Path int8Head, Path cascade,
		Path int8Cascade, Path provenance, @Nullable ExportedDelta delta, @Nullable ExportedDelta int8Delta) {

	/** The tokenizer's file name in the folder. */
	public static final String TOKENIZER = "tokenizer.json";

	/**
	 * Returns the files of a tier in a folder.
	 * @param folder the folder
	 * @param name the fine-tuned encoder's id
	 * @return the paths
	 */
	public static ExportedTier in(Path folder, String name) {
		String int8 = name + "-int8";
		return new ExportedTier(folder.resolve(name + ".onnx"), folder.resolve(int8 + ".onnx"),
				folder.resolve(TOKENIZER), folder.resolve(name + ".head.json"), folder.resolve(int8 + ".head.json"),
				folder.resolve(name + ".cascade.json"), folder.resolve(int8 + ".cascade.json"),
				folder.resolve(name + ".training.json"), null, null);
	}

	/**
	 * Returns every file an export of a tier may write in a folder, the deltas' included,
	 * so that a command can check them against what it reads before it trains.
	 * @param folder the folder
	 * @param name the fine-tuned encoder's id
	 * @return the paths
	 */
	public static List<Path> files(Path folder, String name) {
		ExportedTier tier = in(folder, name);
		String int8 = name + "-int8";
		return List.of(tier.model(), tier.int8Model(), tier.tokenizer(), tier.head(), tier.int8Head(), tier.cascade(),
				tier.int8Cascade(), tier.provenance(), ExportedDelta.file(folder, name),
				ExportedDelta.head(folder, name), ExportedDelta.cascade(folder, name), ExportedDelta.file(folder, int8),
				ExportedDelta.head(folder, int8), ExportedDelta.cascade(folder, int8));
	}

	/**
	 * Returns these files with deltas.
	 * @param fp32 the float32 delta's files
	 * @param int8 the int8 delta's files, or {@code null}
	 * @return the files
	 */
	ExportedTier withDeltas(ExportedDelta fp32, @Nullable ExportedDelta int8) {
		return new ExportedTier(this.model, this.int8Model, this.tokenizer, this.head, this.int8Head, this.cascade,
				this.int8Cascade, this.provenance, fp32, int8);
	}

}
