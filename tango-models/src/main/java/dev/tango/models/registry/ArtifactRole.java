package dev.tango.models.registry;

/**
 * The part an artifact plays in a model version.
 */
public enum ArtifactRole {

	/** The network: an ONNX file, or for {@link ModelKind#REMOTE_OIP} the endpoint. */
	MODEL,

	/** The tokenizer ({@code tokenizer.json}). */
	TOKENIZER,

	/** A classification head on top of an encoder, or a lexical model's weights. */
	HEAD

}
