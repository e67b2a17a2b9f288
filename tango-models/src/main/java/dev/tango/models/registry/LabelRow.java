package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;

/**
 * A label of a model version, a row of {@code model_version_labels}: a {@link Label},
 * which the core module keeps free of persistence annotations.
 *
 * @param id the label's identifier
 * @param displayName its display name, or {@code null}
 */
@Embeddable
record LabelRow(@Column(name = "label", nullable = false) String id,
		@Column(name = "display_name") @Nullable String displayName) {

	LabelRow(Label label) {
		this(label.id(), label.displayName());
	}

	Label toView() {
		return new Label(this.id, this.displayName);
	}

}
