package dev.tango.runtime.cascade;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A cascade as a value: its name and its tiers, cheapest first. Descriptor files
 * ({@link CascadeDescriptor}) and the registry both produce it; a {@link CascadeLoader}
 * opens it.
 *
 * @param name the cascade's name
 * @param tiers the tiers, at least one
 */
public record CascadeSpec(String name, List<TierSpec> tiers) {

	public CascadeSpec {
		Objects.requireNonNull(name, "name");
		tiers = List.copyOf(tiers);
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one tier");
		}
	}

	/**
	 * Returns this cascade with every tier changed.
	 * @param change the change to apply to each tier
	 * @return the changed cascade
	 */
	public CascadeSpec map(UnaryOperator<TierSpec> change) {
		return new CascadeSpec(this.name, this.tiers.stream().map(change).toList());
	}

}
