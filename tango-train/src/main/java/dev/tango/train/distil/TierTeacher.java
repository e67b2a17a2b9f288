package dev.tango.train.distil;

import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.data.TierRunner;
import dev.tango.train.loop.ClassificationLoss;

/**
 * A loaded tier as a teacher: any tier a cascade opens, run with {@link TierRunner} in
 * length-sorted batches as the cascade would batch it, its logits divided by the
 * temperature and turned into probabilities. The tier stays owned by the caller. Only
 * single-label (softmax) tiers can teach.
 *
 * @param id the teacher's name for provenance
 * @param tier the tier
 * @param batchSize the most inputs per call, at least 1
 */
public record TierTeacher(String id, Tier tier, int batchSize) implements Teacher {

	public TierTeacher {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tier, "tier");
		if (tier.activation() != Activation.SOFTMAX) {
			throw new IllegalArgumentException(
					"Tier " + tier.name() + " is multi-label (" + tier.activation() + "); a teacher must be softmax");
		}
		if (tier.labels().size() < 2) {
			throw new IllegalArgumentException("Tier " + tier.name() + " has fewer than two labels");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
	}

	@Override
	public List<String> labels() {
		return this.tier.labels();
	}

	@Override
	public double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress) {
		if (!(temperature > 0) || Double.isInfinite(temperature)) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
		}
		List<Scores> scores = TierRunner
			.run(List.of(new TierRunner.TierSpec(this.tier, this.batchSize)), inputs, progress)
			.get(0)
			.scores();
		double[][] probabilities = new double[scores.size()][];
		for (int i = 0; i < probabilities.length; i++) {
			probabilities[i] = ClassificationLoss.softened(scores.get(i).logits(), temperature);
		}
		return probabilities;
	}

}
