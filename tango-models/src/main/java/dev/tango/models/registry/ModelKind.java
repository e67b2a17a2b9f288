package dev.tango.models.registry;

import java.util.Map;

/**
 * What kind of model a version is, and which artifacts each kind needs.
 */
public enum ModelKind {

	/** An exported sequence classifier: model and tokenizer; no head. */
	ONNX_CLASSIFIER("onnx-classifier", Need.REQUIRED, Need.REQUIRED, Need.ABSENT),

	/** A sentence encoder with a linear head: model, tokenizer and head; a pooling. */
	ENCODER_HEAD("encoder-linear", Need.REQUIRED, Need.REQUIRED, Need.REQUIRED),

	/** A lexical classifier: its weights as the head; a tokenizer optionally. */
	LEXICAL("lexical-linear", Need.ABSENT, Need.OPTIONAL, Need.REQUIRED),

	/**
	 * A model served elsewhere over the Open Inference Protocol v2: the model URI is the
	 * endpoint (no sha256); a tokenizer optionally.
	 */
	REMOTE_OIP("remote-oip", Need.REQUIRED, Need.OPTIONAL, Need.ABSENT);

	private final String tierKind;

	private final Map<ArtifactRole, Need> needs;

	ModelKind(String tierKind, Need model, Need tokenizer, Need head) {
		this.tierKind = tierKind;
		this.needs = Map.of(ArtifactRole.MODEL, model, ArtifactRole.TOKENIZER, tokenizer, ArtifactRole.HEAD, head);
	}

	/**
	 * Returns the name of the runtime's {@link dev.tango.runtime.cascade.TierKind tier
	 * kind} that serves models of this kind; registration refuses a kind that this build
	 * does not install.
	 * @return the tier kind's name, such as {@code encoder-linear}
	 */
	public String tierKind() {
		return this.tierKind;
	}

	/**
	 * Whether this kind needs an artifact in a role.
	 * @param role the role
	 * @return required, optional or absent
	 */
	public Need need(ArtifactRole role) {
		return this.needs.get(role);
	}

	/**
	 * Whether an artifact in a role is content that must carry a sha256 (everything but a
	 * remote endpoint).
	 * @param role the role
	 * @return {@code true} if a sha256 is required
	 */
	public boolean needsChecksum(ArtifactRole role) {
		return !(this == REMOTE_OIP && role == ArtifactRole.MODEL);
	}

	/**
	 * Whether a tier of this kind runs an ONNX Runtime session in the serving process, so
	 * that ONNX Runtime settings such as intra-op threads apply to it.
	 * @return {@code true} for exported classifiers and encoders with a head
	 */
	public boolean runsOnnxRuntime() {
		return this == ONNX_CLASSIFIER || this == ENCODER_HEAD;
	}

	/** Whether an artifact must, may or must not be given. */
	public enum Need {

		/** Must be given. */
		REQUIRED,

		/** May be given. */
		OPTIONAL,

		/** Must not be given. */
		ABSENT

	}

}
