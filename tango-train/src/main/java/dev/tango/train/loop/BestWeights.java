package dev.tango.train.loop;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * A copy of the trainable weights at the best held-out evaluation so far, kept in a
 * manager of its own, to be put back into the block when the run ends.
 */
final class BestWeights implements AutoCloseable {

	private final NDManager parent;

	private NDManager manager;

	private NDList weights = new NDList();

	BestWeights(NDManager parent) {
		this.parent = parent;
		this.manager = parent.newSubManager();
	}

	/** Replaces the copy with the parameters' current values. */
	void keep(List<Parameter> parameters) {
		NDManager next = this.parent.newSubManager();
		NDList copies = new NDList(parameters.size());
		for (Parameter parameter : parameters) {
			NDArray copy = parameter.getArray().duplicate();
			copy.attach(next);
			copies.add(copy);
		}
		this.manager.close();
		this.manager = next;
		this.weights = copies;
	}

	/** Replaces the copy with saved arrays, copied into this object's manager. */
	void restore(NDList saved) {
		NDManager next = this.parent.newSubManager();
		NDList copies = new NDList(saved.size());
		for (NDArray array : saved) {
			NDArray copy = array.duplicate();
			copy.attach(next);
			copies.add(copy);
		}
		this.manager.close();
		this.manager = next;
		this.weights = copies;
	}

	boolean present() {
		return !this.weights.isEmpty();
	}

	/** Returns the copy; live arrays, empty before the first keep. */
	NDList weights() {
		return this.weights;
	}

	/** Copies the kept weights into the parameters. */
	void putBack(List<Parameter> parameters) {
		for (int i = 0; i < parameters.size(); i++) {
			Checkpoint.copyInto(this.weights.get(i), parameters.get(i).getArray(), parameters.get(i).getName());
		}
	}

	@Override
	public void close() {
		this.manager.close();
	}

}
