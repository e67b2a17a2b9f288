package dev.tango.runtime.cascade;

import java.io.IOException;
import java.util.Set;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;

/**
 * A kind of tier, the extension point of cascades: it names itself, says which artifacts
 * and options a {@link TierSpec} of its kind may carry (and which artifacts a registered
 * model version of its kind needs), checks such a spec, opens it into a {@link Tier}, and
 * says how many threads one call of that tier keeps busy.
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
	 * Returns whether a model version of this kind, as a registry stores it, must, may or
	 * must not have an artifact in a role. A registry pins every artifact a tier reads,
	 * so a role that a spec may leave out for the kind to find a default (such as a
	 * bundled encoder) is required here.
	 * @param role an artifact role, such as {@code model}
	 * @return by default {@link ArtifactNeed#OPTIONAL} for the {@link #artifactRoles()},
	 * {@link ArtifactNeed#ABSENT} for any other role
	 */
	default ArtifactNeed artifactNeed(String role) {
		return artifactRoles().contains(role) ? ArtifactNeed.OPTIONAL : ArtifactNeed.ABSENT;
	}

	/**
	 * Returns whether an artifact in a role is content, fetched and checked against its
	 * sha256 before the tier opens, rather than an address the tier connects to (such as
	 * a remote server's endpoint), which has no sha256.
	 * @param role an artifact role, such as {@code model}
	 * @return {@code true} by default
	 */
	default boolean checksummed(String role) {
		return true;
	}

	/**
	 * Checks an address given in a role that is not {@link #checksummed checksummed}
	 * (such as a remote server's endpoint) by the rule the kind applies when it opens a
	 * tier, so that a registry refuses at registration what a serving instance would
	 * refuse. Host names are resolved, so this may block.
	 * @param role an artifact role that the kind does not checksum
	 * @param address the address, as given
	 * @throws IllegalArgumentException saying why the address is refused (naming the host
	 * and, where there is one, the setting that would allow it); by default every address
	 * is, since a kind whose roles are all content takes none
	 */
	default void checkAddress(String role, String address) {
		throw new IllegalArgumentException("A " + name() + " tier takes no address as its " + role);
	}

	/**
	 * Returns whether a tier of this kind runs an ONNX Runtime session in the serving
	 * process, so that ONNX Runtime settings (such as intra-op threads) apply to it and
	 * its model may keep its tensors in external-data files.
	 * @return {@code false} by default
	 */
	default boolean runsOnnxRuntime() {
		return false;
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
	 * Describes a {@link #validate validated} spec as a registry records it when it seeds
	 * the spec from a descriptor, reading what it needs (head files, configurations)
	 * through the source but opening nothing. By default: the spec's name (else the
	 * kind's), its artifacts, labels and options as given, no input limit and no pooling,
	 * a batch size of 32.
	 * @param spec the spec, its relative artifact URIs resolved
	 * @param source opens the spec's artifacts
	 * @return what the registry records
	 * @throws IOException if an artifact cannot be read or contradicts the spec, or (by
	 * default) the spec gives no labels, which the registry needs
	 */
	default TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
		if (spec.labels().isEmpty()) {
			throw new IOException("A " + name() + " tier needs its labels in the descriptor to be registered");
		}
		return new TierRegistration(spec.nameOr(name()), spec.artifacts(), spec.labels(),
				TierRegistration.UNLIMITED_INPUT, null, spec.options(), TierRegistration.DEFAULT_BATCH_SIZE, null);
	}

	/**
	 * Checks, before a registry stores a model version of this kind, what its files must
	 * agree on beyond what {@link #registration} describes of them (the registry compares
	 * that description with the version, {@link TierRegistration#requireRecordedAs}),
	 * such as a delta that must apply to the model given beside it. Reads the files
	 * through the source, which knows each one's registered sha256
	 * ({@link ArtifactSource#file} refuses another), and opens nothing. By default there
	 * is nothing more to check.
	 * @param spec the version as a {@link #validate validated} spec, its artifacts the
	 * version's verified files
	 * @param source opens them
	 * @throws IOException if a file cannot be read, or the files contradict one another
	 */
	default void checkContents(TierSpec spec, ArtifactSource source) throws IOException {
	}

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
