package dev.tango.bench.cascade;

import java.util.ArrayList;
import java.util.List;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.cascade.LoadedCascade;

/**
 * The stages of loaded cascades.
 */
public final class Stages {

	private Stages() {
	}

	/**
	 * Returns the stages of a loaded cascade, checked as {@link Cascade} checks them
	 * (labels in the same order, one activation).
	 * @param cascade the loaded cascade
	 * @return one stage per tier, cheapest first
	 * @throws IllegalArgumentException if the tiers cannot form a cascade
	 */
	public static List<Stage> of(LoadedCascade cascade) {
		return new Cascade(cascade.stages()).stages();
	}

	/**
	 * Returns stages with another batch size.
	 * @param stages the stages
	 * @param batchSize the batch size of every stage
	 * @return the stages
	 */
	public static List<Stage> withBatchSize(List<Stage> stages, int batchSize) {
		return stages.stream().map((s) -> new Stage(s.tier(), s.settings().withBatchSize(batchSize))).toList();
	}

}
