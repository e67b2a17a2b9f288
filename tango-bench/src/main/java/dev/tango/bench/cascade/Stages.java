package dev.tango.bench.cascade;

import java.util.ArrayList;
import java.util.List;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.cascade.TierSettings;

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
		List<Stage> stages = new ArrayList<>();
		for (LoadedTier tier : cascade.tiers()) {
			TierSettings s = tier.settings();
			stages.add(new Stage(tier.tier(), s.batchSize(), s.confidence(), s.temperature(), s.threshold()));
		}
		new Cascade(stages);
		return List.copyOf(stages);
	}

	/**
	 * Returns stages with other thresholds.
	 * @param stages the stages
	 * @param thresholds one threshold per stage but the last
	 * @return the stages
	 */
	public static List<Stage> withThresholds(List<Stage> stages, List<Double> thresholds) {
		if (thresholds.size() != stages.size() - 1) {
			throw new IllegalArgumentException(thresholds.size() + " thresholds for " + stages.size() + " tiers");
		}
		List<Stage> result = new ArrayList<>();
		for (int k = 0; k < stages.size(); k++) {
			Stage s = stages.get(k);
			double threshold = (k < thresholds.size()) ? thresholds.get(k) : s.threshold();
			result.add(new Stage(s.tier(), s.batchSize(), s.measure(), s.temperature(), threshold));
		}
		return List.copyOf(result);
	}

	/**
	 * Returns stages with another batch size.
	 * @param stages the stages
	 * @param batchSize the batch size of every stage
	 * @return the stages
	 */
	public static List<Stage> withBatchSize(List<Stage> stages, int batchSize) {
		return stages.stream()
			.map((s) -> new Stage(s.tier(), batchSize, s.measure(), s.temperature(), s.threshold()))
			.toList();
	}

}
