package dev.tango.runtime.cascade;

import java.io.IOException;
import java.util.Set;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;

/**
 * A kind of tier, the extension point of cascades: it names itself, says which artifacts
 * and options a {@link TierSpec} of its kind may carry, checks such a spec, opens it into
 * a {@link Tier}, and says how many threads one call of that tier keeps busy.
 *
 * <p>
 * A kind is found by its {@link #name()} in {@link TierKinds}, which reads the kinds
 * listed in {@code META-INF/services/dev.tango.runtime.cascade.TierKind} of every jar
 * (like DJL's engine providers): adding a kind is one class and that one line.
 * Implementations are stateless and thread-safe, with a public no-argument constructor.
 */
public interface TierKind {

	/**
	 * Returns the kind's name, as descriptor files and the registry write it.
	 * @return a lower-case name such as {@code encoder-linear}, unique among the
	 * installed kinds
	 */
	String name();

	/**
	 * Returns the artifact roles a spec of this kind may carry.
	 * @return the roles, such as {@code model} and {@code tokenizer}
	 */
	Set<String> artifactRoles();

	/**
	 * Returns the option names a spec of this kind may carry.
	 * @return the names, possibly empty
	 */
	default Set<String> optionNames() {
		return Set.of();
	}

	/**
	 * Checks a spec of this kind without opening anything: refuses artifacts and options
	 * the kind does not use, and (in implementations) missing or contradictory ones.
	 * Implementations call this default first.
	 * @param spec the spec
	 * @throws InvalidTierSpecException naming the field at fault
	 */
	default void validate(TierSpec spec) {
		for (String role : spec.artifacts().keySet()) {
			if (!artifactRoles().contains(role)) {
				throw new InvalidTierSpecException(role, "not used by a " + name() + " tier");
			}
		}
		for (String option : spec.options().keySet()) {
			if (!optionNames().contains(option)) {
				throw new InvalidTierSpecException(option, "not used by a " + name() + " tier");
			}
		}
	}

	/**
	 * Opens a {@link #validate validated} spec into a tier.
	 * @param spec the spec
	 * @param source resolves the spec's artifact URIs, checking their sha256 where given
	 * @return the tier, owned by the caller
	 * @throws IOException if an artifact cannot be read or does not fit
	 * @throws IllegalArgumentException if the artifacts contradict the spec
	 */
	Tier open(TierSpec spec, ArtifactSource source) throws IOException;

	/**
	 * Returns how many threads one call of the spec's tier keeps busy, for sizing the
	 * workers that call it.
	 * @param spec the spec
	 * @return at least 1; by default the ONNX Runtime intra-op threads
	 */
	default int threadsPerCall(TierSpec spec) {
		return spec.onnxRuntime().intraOpThreads();
	}

}
