package dev.tango.train.transformer;

import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tango.runtime.head.LinearHead;
import org.jspecify.annotations.Nullable;

/**
 * A sentence classifier: a {@link BertEncoder}, pooling into one vector per input
 * ({@link SentencePooling}), dropout in training, and a linear head over {@code C}
 * labels. With the pooling of a bundled encoder and that encoder's fitted
 * {@link LinearHead}, it computes the logits of the encoder-linear tier before any
 * training.
 *
 * <p>
 * Forward: {@code [inputIds int64 (B,T), attentionMask int64 (B,T), tokenTypeIds int64
 * (B,T)]} → {@code [logits float32 (B,C)]}. The head's parameters are
 * {@code classifier.weight} {@code [C, H]} and {@code classifier.bias} {@code [C]}; the
 * encoder's keep their names. Not thread-safe in training.
 */
public final class EncoderClassifier extends FixedShapeBlock {

	private final BertEncoder encoder;

	private final SentencePooling pooling;

	private final float dropout;

	private final int labels;

	private final Dense head;

	private EncoderClassifier(BertEncoder encoder, SentencePooling pooling, int labels, float dropout) {
		if (!(dropout >= 0 && dropout < 1)) {
			throw new IllegalArgumentException("Dropout must be in [0, 1), got " + dropout);
		}
		if (labels < 1) {
			throw new IllegalArgumentException("A classifier needs at least one label, got " + labels);
		}
		this.encoder = addChildBlock("encoder", encoder);
		this.pooling = pooling;
		this.dropout = dropout;
		this.labels = labels;
		this.head = dense("classifier", encoder.config().hidden(), labels);
	}

	/**
	 * Builds a classifier whose head starts as a fitted linear head.
	 * @param encoder the encoder, initialised
	 * @param pooling how its states become the head's input (the pooling the head was
	 * fitted on)
	 * @param head the head, of the encoder's hidden size
	 * @param dropout the dropout probability before the head in training
	 * @param manager the manager that will own the head's parameters
	 * @return the classifier, initialised
	 * @throws IllegalArgumentException if the head's dimension is not the encoder's
	 */
	public static EncoderClassifier withHead(BertEncoder encoder, SentencePooling pooling, LinearHead head,
			float dropout, NDManager manager) {
		int hidden = encoder.config().hidden();
		if (head.dimension() != hidden) {
			throw new IllegalArgumentException(
					"The head reads " + head.dimension() + " features, the encoder gives " + hidden);
		}
		int labels = head.labels().size();
		EncoderClassifier classifier = new EncoderClassifier(encoder, pooling, labels, dropout);
		float[] weights = new float[labels * hidden];
		for (int c = 0; c < labels; c++) {
			System.arraycopy(head.weights()[c], 0, weights, c * hidden, hidden);
		}
		return classifier.initialised(manager, weights, head.bias().clone());
	}

	/**
	 * Builds a classifier with a fresh head: weights drawn from a normal distribution of
	 * standard deviation {@value FixedShapeBlock#WEIGHT_STD} by a generator seeded with
	 * {@code seed} (the same seed gives the same head), zero biases.
	 * @param encoder the encoder, initialised
	 * @param pooling how its states become the head's input
	 * @param labels the number of labels {@code C}
	 * @param seed the seed
	 * @param dropout the dropout probability before the head in training
	 * @param manager the manager that will own the head's parameters
	 * @return the classifier, initialised
	 */
	public static EncoderClassifier withFreshHead(BertEncoder encoder, SentencePooling pooling, int labels, long seed,
			float dropout, NDManager manager) {
		EncoderClassifier classifier = new EncoderClassifier(encoder, pooling, labels, dropout);
		Random random = new Random(seed);
		float[] weights = new float[labels * encoder.config().hidden()];
		for (int i = 0; i < weights.length; i++) {
			weights[i] = (float) (random.nextGaussian() * WEIGHT_STD);
		}
		return classifier.initialised(manager, weights, new float[labels]);
	}

	private EncoderClassifier initialised(NDManager manager, float[] weights, float[] bias) {
		assign(this.head.weight(), manager, weights, new Shape(bias.length, this.encoder.config().hidden()));
		assign(this.head.bias(), manager, bias, new Shape(bias.length));
		Shape tokens = new Shape(1, 1);
		initialize(manager, DataType.FLOAT32, tokens, tokens, tokens);
		return this;
	}

	/**
	 * Returns the encoder.
	 * @return the encoder
	 */
	public BertEncoder encoder() {
		return this.encoder;
	}

	/**
	 * Returns how the encoder's states are pooled.
	 * @return the pooling
	 */
	public SentencePooling pooling() {
		return this.pooling;
	}

	/**
	 * Returns the head's parameters by name: {@code classifier.weight} {@code [C, H]} and
	 * {@code classifier.bias} {@code [C]}.
	 * @return the parameters
	 */
	public Map<String, Parameter> headParameters() {
		return Map.of("classifier.weight", this.head.weight(), "classifier.bias", this.head.bias());
	}

	private NDArray pool(ParameterStore store, NDList inputs, boolean training) {
		NDArray hidden = this.encoder.forward(store, inputs, training).singletonOrThrow();
		return this.pooling.apply(hidden, inputs.get(1));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			@Nullable PairList<String, Object> params) {
		NDArray vectors = Dropout.dropout(pool(store, inputs, training), this.dropout, training).singletonOrThrow();
		return new NDList(this.head.apply(store, vectors, training));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		this.encoder.initialize(manager, dataType, inputShapes);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), this.labels) };
	}

}
