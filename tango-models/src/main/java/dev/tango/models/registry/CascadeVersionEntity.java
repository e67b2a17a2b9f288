package dev.tango.models.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** An immutable cascade version: an ordered list of tiers. */
@Entity
@Immutable
@Table(name = "cascade_versions")
@AssociationOverride(name = "versionOf", joinColumns = @JoinColumn(name = "cascade_id", nullable = false))
class CascadeVersionEntity extends VersionEntity<CascadeEntity> {

	@ElementCollection
	@CollectionTable(name = "cascade_tiers", joinColumns = @JoinColumn(name = "cascade_version_id"))
	@OrderColumn(name = "tier_index")
	private List<TierRow> tiers = new ArrayList<>();

	protected CascadeVersionEntity() {
	}

	CascadeVersionEntity(CascadeEntity cascade, int versionNumber, List<TierRow> tiers, @Nullable String description,
			Instant createdAt, String createdBy) {
		super(cascade, versionNumber, description, createdAt, createdBy);
		this.tiers = new ArrayList<>(tiers);
	}

	CascadeVersion toView() {
		List<CascadeTier> views = new ArrayList<>(this.tiers.size());
		for (int i = 0; i < this.tiers.size(); i++) {
			views.add(this.tiers.get(i).toView(i));
		}
		return new CascadeVersion(id(), versionOf().name(), versionNumber(), views, description(), createdAt(),
				createdBy());
	}

}
