package dev.tango.api.serving;

import java.util.List;

import dev.tango.core.batching.BatchingCascade;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Label;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeVersion;

/**
 * One cascade version that serves: its tiers and thresholds, all from that version,
 * behind a started dynamic batcher. Immutable; a newer version replaces it as a whole.
 *
 * @param name the cascade's name
 * @param version the registered version
 * @param labels the labels every tier answers with, in logit order, with their display
 * names
 * @param stages the stages, cheapest first
 * @param batcher the started batcher over the stages
 * @param loaded the tiers, owned by this holder: closed once the batcher has drained
 */
public record ServedCascade(String name, CascadeVersion version, List<Label> labels, List<Stage> stages,
		BatchingCascade batcher, LoadedCascadeVersion loaded) {

	public ServedCascade {
		labels = List.copyOf(labels);
		stages = List.copyOf(stages);
	}

	/**
	 * Returns the version number.
	 * @return the version, from 1
	 */
	public int versionNumber() {
		return this.version.version();
	}

	/**
	 * Returns the tiers' names, cheapest first.
	 * @return the names
	 */
	public List<String> tierNames() {
		return this.stages.stream().map((stage) -> stage.tier().name()).toList();
	}

}
