package dev.tango.models.registry;

/**
 * How an encoder's token embeddings become one sentence embedding.
 */
public enum Pooling {

	/** Mean of the token embeddings, padding excluded. */
	MEAN,

	/** The embedding of the first ({@code [CLS]}) token. */
	CLS,

	/** Element-wise maximum of the token embeddings, padding excluded. */
	MAX

}
