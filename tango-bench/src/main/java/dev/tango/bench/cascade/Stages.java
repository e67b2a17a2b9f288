package dev.tango.bench.cascade;

import java.util.List;

import dev.tango.core.cascade.Stage;

/**
 * Changes to the stages of loaded cascades.
 */
public final class Stages {

	private Stages() {
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
