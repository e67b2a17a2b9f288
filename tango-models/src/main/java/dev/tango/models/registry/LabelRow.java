package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;

/** A label of a model version, a row of {@code model_version_labels}. */
@Embeddable
class LabelRow {

	@Column(name = "label", nullable = false)
	private String id;

	@Column(name = "display_name")
	private @Nullable String displayName;

	protected LabelRow() {
	}

	LabelRow(Label label) {
		this.id = label.id();
		this.displayName = label.displayName();
	}

	Label toView() {
		return new Label(this.id, this.displayName);
	}

}
