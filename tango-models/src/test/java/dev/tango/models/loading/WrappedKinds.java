package dev.tango.models.loading;

import java.io.IOException;
import java.util.Set;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;

/**
 * The installed tier kinds, each wrapped so that a test sees, or changes, how its tiers
 * open.
 */
final class WrappedKinds {

	private WrappedKinds() {
	}

	/**
	 * Returns the installed kinds, opening through the given opener.
	 * @param opener opens a tier, usually through the real kind
	 * @return the kinds
	 */
	static TierKinds of(Opener opener) {
		return new TierKinds(
				TierKinds.installed().all().stream().map((kind) -> (TierKind) new Wrapped(kind, opener)).toList());
	}

	/** Opens a tier in place of a kind. */
	@FunctionalInterface
	interface Opener {

		/**
		 * Opens a tier.
		 * @param kind the real kind
		 * @param spec the tier's spec
		 * @param source the artifact source of the load
		 * @return the tier
		 * @throws IOException if it cannot be opened
		 */
		Tier open(TierKind kind, TierSpec spec, ArtifactSource source) throws IOException;

	}

	private record Wrapped(TierKind kind, Opener opener) implements TierKind {

		@Override
		public String name() {
			return this.kind.name();
		}

		@Override
		public Set<String> artifactRoles() {
			return this.kind.artifactRoles();
		}

		@Override
		public Set<String> optionNames() {
			return this.kind.optionNames();
		}

		@Override
		public ArtifactNeed artifactNeed(String role) {
			return this.kind.artifactNeed(role);
		}

		@Override
		public boolean checksummed(String role) {
			return this.kind.checksummed(role);
		}

		@Override
		public void checkAddress(String role, String address) {
			this.kind.checkAddress(role, address);
		}

		@Override
		public boolean runsOnnxRuntime() {
			return this.kind.runsOnnxRuntime();
		}

		@Override
		public void validate(TierSpec spec) {
			this.kind.validate(spec);
		}

		@Override
		public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
			return this.opener.open(this.kind, spec, source);
		}

		@Override
		public TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
			return this.kind.registration(spec, source);
		}

		@Override
		public void checkContents(TierSpec spec, ArtifactSource source) throws IOException {
			this.kind.checkContents(spec, source);
		}

		@Override
		public int threadsPerCall(TierSpec spec) {
			return this.kind.threadsPerCall(spec);
		}

	}

}
