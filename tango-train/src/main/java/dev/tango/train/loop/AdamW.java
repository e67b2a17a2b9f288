package dev.tango.train.loop;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019) over a block's trainable
 * parameters, with global-norm gradient clipping, whose state is ours to save.
 *
 * <p>
 * DJL's optimisers keep their moments inside the engine, out of reach: a checkpoint could
 * not hold them, and a resumed run would restart Adam from zero moments and drift away
 * from the uninterrupted run. Here the first and second moments are arrays this class
 * owns (in a manager of its own), read by {@link #firstMoments()} and
 * {@link #secondMoments()} and written back by {@link #restore}, with the step count.
 *
 * <p>
 * One {@link #step} does, for each parameter {@code w} with gradient {@code g} (scaled by
 * {@code c = min(1, maxNorm / ‖g‖)}, {@code ‖g‖} the norm over all parameters):
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code w ← w·(1 − lr·λ) − lr·(m / (1−β1^t)) / (√(v / (1−β2^t)) + ε)}, with no decay
 * ({@code λ = 0}) for parameters of fewer than two dimensions: biases and LayerNorm
 * scales and shifts, whatever the block names them. Then the gradients are zeroed.
 *
 * <p>
 * Not thread-safe; call between gradient collections. A step may be called on any thread:
 * it updates the parameters with the engine's recording off on the calling thread
 * ({@link GradMode#off()}), whatever that thread had, and puts the thread's grad mode
 * back when it returns.
 */
public final class AdamW implements AutoCloseable {

	private final List<Parameter> parameters;

	private final List<String> names;

	private final NDManager state;

	private final NDList first;

	private final NDList second;

	private final double beta1;

	private final double beta2;

	private final double epsilon;

	private final double weightDecay;

	private long steps;

	/**
	 * Creates the optimiser with zero moments.
	 * @param parameters the parameters to train, initialised; frozen ones are skipped
	 * @param manager the manager under which the moments are kept (a sub-manager is made)
	 * @param beta1 the first moment's decay, in {@code [0, 1)}
	 * @param beta2 the second moment's decay, in {@code [0, 1)}
	 * @param epsilon added to the root of the second moment, positive
	 * @param weightDecay the decoupled decay {@code λ}, at least 0
	 */
	public AdamW(List<Parameter> parameters, NDManager manager, double beta1, double beta2, double epsilon,
			double weightDecay) {
		this(named(parameters), manager, beta1, beta2, epsilon, weightDecay);
	}

	/**
	 * Creates the optimiser with zero moments over named parameters, such as a block's
	 * {@link ai.djl.nn.Block#getParameters()}, whose names a non-finite gradient is
	 * reported by.
	 * @param parameters the parameters to train by name, initialised; frozen ones are
	 * skipped
	 * @param manager the manager under which the moments are kept (a sub-manager is made)
	 * @param beta1 the first moment's decay, in {@code [0, 1)}
	 * @param beta2 the second moment's decay, in {@code [0, 1)}
	 * @param epsilon added to the root of the second moment, positive
	 * @param weightDecay the decoupled decay {@code λ}, at least 0
	 */
	public AdamW(PairList<String, Parameter> parameters, NDManager manager, double beta1, double beta2, double epsilon,
			double weightDecay) {
		if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0 && weightDecay >= 0)) {
			throw new IllegalArgumentException("Invalid AdamW settings");
		}
		List<Parameter> trained = new ArrayList<>();
		List<String> trainedNames = new ArrayList<>();
		for (int i = 0; i < parameters.size(); i++) {
			if (parameters.valueAt(i).requiresGradient()) {
				trained.add(parameters.valueAt(i));
				trainedNames.add(parameters.keyAt(i));
			}
		}
		this.parameters = List.copyOf(trained);
		this.names = List.copyOf(trainedNames);
		this.state = manager.newSubManager();
		this.first = new NDList();
		this.second = new NDList();
		for (Parameter parameter : this.parameters) {
			this.first.add(this.state.zeros(parameter.getArray().getShape()));
			this.second.add(this.state.zeros(parameter.getArray().getShape()));
		}
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.epsilon = epsilon;
		this.weightDecay = weightDecay;
	}

	/**
	 * Returns the parameters this optimiser updates, in a fixed order.
	 * @return the trainable parameters
	 */
	public List<Parameter> parameters() {
		return this.parameters;
	}

	/**
	 * Updates the parameters from their gradients and zeroes the gradients.
	 * @param scope a manager closed by the caller after the step; temporaries go there
	 * @param learningRate the step's learning rate
	 * @param maxNorm the largest global gradient norm, or 0 for no clipping
	 * @return the global gradient norm before clipping; the calling thread's grad mode is
	 * as it was before the call
	 * @throws NonFiniteGradientException if the gradient is not finite, naming the
	 * parameters whose gradient has NaN or infinite values, or whose squares overflow
	 * (the parameters, the moments and the step count are then left unchanged, and the
	 * gradients zeroed)
	 */
	public double step(NDManager scope, double learningRate, double maxNorm) {
		try (GradMode off = GradMode.off()) {
			return update(scope, learningRate, maxNorm);
		}
	}

	private double update(NDManager scope, double learningRate, double maxNorm) {
		List<NDArray> gradients = new ArrayList<>(this.parameters.size());
		double squares = 0;
		List<String> nonFinite = new ArrayList<>();
		for (int i = 0; i < this.parameters.size(); i++) {
			NDArray gradient = this.parameters.get(i).getArray().getGradient();
			gradient.attach(scope);
			gradients.add(gradient);
			float square = gradient.square().sum().getFloat();
			if (!Float.isFinite(square)) {
				boolean values = gradient.isNaN().logicalOr(gradient.isInfinite()).any().getBoolean();
				nonFinite.add(this.names.get(i) + (values ? " (NaN or infinite values)" : " (squares overflow)"));
			}
			squares += square;
		}
		double norm = Math.sqrt(squares);
		if (!Double.isFinite(norm)) {
			// NaN times zero is NaN: overwrite rather than scale
			gradients.forEach((gradient) -> gradient.set(new NDIndex("..."), 0));
			throw new NonFiniteGradientException("The gradient is not finite (norm " + norm + ") in " + nonFinite);
		}
		float scale = (maxNorm > 0 && norm > maxNorm) ? (float) (maxNorm / norm) : 1f;
		this.steps++;
		double correction1 = 1 - Math.pow(this.beta1, this.steps);
		double correction2 = 1 - Math.pow(this.beta2, this.steps);
		for (int i = 0; i < this.parameters.size(); i++) {
			NDArray weight = this.parameters.get(i).getArray();
			NDArray gradient = gradients.get(i);
			NDArray m = this.first.get(i);
			NDArray v = this.second.get(i);
			NDArray g = (scale == 1f) ? gradient : gradient.mul(scale);
			m.muli((float) this.beta1).addi(g.mul((float) (1 - this.beta1)));
			v.muli((float) this.beta2).addi(g.square().muli((float) (1 - this.beta2)));
			if (this.weightDecay > 0 && weight.getShape().dimension() >= 2) {
				weight.muli((float) (1 - learningRate * this.weightDecay));
			}
			NDArray denominator = inScope(v.div((float) correction2), scope).sqrt().addi((float) this.epsilon);
			weight.subi(inScope(m.div(denominator), scope).muli((float) (learningRate / correction1)));
			gradient.subi(gradient);
		}
		return norm;
	}

	private static PairList<String, Parameter> named(List<Parameter> parameters) {
		PairList<String, Parameter> named = new PairList<>();
		parameters.forEach((parameter) -> named.add(parameter.getName(), parameter));
		return named;
	}

	/**
	 * Moves a temporary made from a long-lived array (created in its manager) to the
	 * step's scope.
	 */
	private static NDArray inScope(NDArray temporary, NDManager scope) {
		temporary.attach(scope);
		return temporary;
	}

	/**
	 * Returns how many steps have been taken.
	 * @return the count {@code t}
	 */
	public long steps() {
		return this.steps;
	}

	/**
	 * Returns the first moments, one per {@link #parameters() parameter}; live arrays, to
	 * be read (such as encoded into a checkpoint), not kept.
	 * @return the moments
	 */
	public NDList firstMoments() {
		return this.first;
	}

	/**
	 * Returns the second moments, one per {@link #parameters() parameter}; live arrays.
	 * @return the moments
	 */
	public NDList secondMoments() {
		return this.second;
	}

	/**
	 * Restores saved state.
	 * @param steps the step count
	 * @param firstMoments the first moments, shaped as the parameters
	 * @param secondMoments the second moments, shaped as the parameters
	 */
	public void restore(long steps, NDList firstMoments, NDList secondMoments) {
		if (firstMoments.size() != this.first.size() || secondMoments.size() != this.second.size()) {
			throw new IllegalArgumentException(
					"Saved moments are for " + firstMoments.size() + " parameters, not " + this.first.size());
		}
		for (int i = 0; i < this.first.size(); i++) {
			Checkpoint.copyInto(firstMoments.get(i), this.first.get(i), "first moment " + i);
			Checkpoint.copyInto(secondMoments.get(i), this.second.get(i), "second moment " + i);
		}
		this.steps = steps;
	}

	/**
	 * Releases the moments.
	 */
	@Override
	public void close() {
		this.state.close();
	}

}
