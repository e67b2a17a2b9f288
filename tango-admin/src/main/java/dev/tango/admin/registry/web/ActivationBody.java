package dev.tango.admin.registry.web;

import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.InvalidRegistryRequestException;

/**
 * An activation or rollback.
 *
 * @param version the version to activate; for a rollback, {@code null} means the previous
 * one
 * @param reason why, or {@code null}; a reason given says something (not blank)
 * @param expectedRevision the active revision the caller saw, or {@code null}; the change
 * is refused (409) if another happened since
 * @param expectNoneActive {@code true} if the caller saw no version active: the change is
 * refused (409) if one is, and the request is refused (400) if it also gives an
 * {@code expectedRevision}; {@code null} or {@code false} expects nothing more
 */
record ActivationBody(@Nullable Integer version, @Nullable String reason, @Nullable Long expectedRevision,
		@Nullable Boolean expectNoneActive) {

	/**
	 * Returns the reason, checked.
	 * @return the reason, or {@code null}
	 * @throws InvalidRegistryRequestException if it is blank
	 */
	@Nullable String checkedReason() {
		if (this.reason != null && this.reason.isBlank()) {
			throw new InvalidRegistryRequestException("A reason, when given, says why: it must not be blank");
		}
		return this.reason;
	}

	/**
	 * Returns the state of the active version the caller saw, checked: the revision it
	 * saw, {@link ActivationRequest#NONE_ACTIVE} if it saw none, or {@code null} if it
	 * expects nothing.
	 * @return the expected revision, as the registry takes it
	 * @throws InvalidRegistryRequestException if it expects both a revision and none
	 * active, or a negative revision
	 */
	@Nullable Long checkedExpectedRevision() {
		if (this.expectedRevision != null && this.expectedRevision < 0) {
			throw new InvalidRegistryRequestException("expectedRevision is a revision, 0 or more, was "
					+ this.expectedRevision + ": a caller that saw no version active sends expectNoneActive");
		}
		if (Boolean.TRUE.equals(this.expectNoneActive)) {
			if (this.expectedRevision != null) {
				throw new InvalidRegistryRequestException(
						"Expect either a revision of the active version or none active, not both");
			}
			return ActivationRequest.NONE_ACTIVE;
		}
		return this.expectedRevision;
	}

}
