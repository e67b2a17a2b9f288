package dev.tango.models.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** An immutable cascade version: an ordered list of tiers. */
@Entity
@Immutable
@Table(name = "cascade_versions")
class CascadeVersionEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "cascade_id", nullable = false)
	private CascadeEntity cascade;

	@Column(name = "version_number", nullable = false)
	private int versionNumber;

	@Column(name = "description")
	private @Nullable String description;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	@ElementCollection
	@CollectionTable(name = "cascade_tiers", joinColumns = @JoinColumn(name = "cascade_version_id"))
	@OrderColumn(name = "tier_index")
	private List<TierRow> tiers = new ArrayList<>();

	protected CascadeVersionEntity() {
	}

	CascadeVersionEntity(CascadeEntity cascade, int versionNumber, List<TierRow> tiers, @Nullable String description,
			Instant createdAt, String createdBy) {
		this.cascade = cascade;
		this.versionNumber = versionNumber;
		this.tiers = new ArrayList<>(tiers);
		this.description = description;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	long id() {
		return Objects.requireNonNull(this.id);
	}

	CascadeEntity cascade() {
		return this.cascade;
	}

	int versionNumber() {
		return this.versionNumber;
	}

	CascadeVersion toView() {
		List<CascadeTier> views = new ArrayList<>(this.tiers.size());
		for (int i = 0; i < this.tiers.size(); i++) {
			views.add(this.tiers.get(i).toView(i));
		}
		return new CascadeVersion(id(), this.cascade.name(), this.versionNumber, views, this.description,
				this.createdAt, this.createdBy);
	}

}
