package dev.tango.models.registry;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * The active version of one cascade. Keyed by the cascade, so the database holds at most
 * one; {@code revision} is the optimistic lock.
 */
@Entity
@Table(name = "active_cascades")
class ActiveCascadeEntity {

	@Id
	@Column(name = "cascade_id")
	private Long cascadeId;

	@ManyToOne(optional = false)
	@JoinColumn(name = "cascade_version_id", nullable = false)
	private CascadeVersionEntity version;

	@Version
	@Column(name = "revision", nullable = false)
	private @Nullable Long revision;

	@Column(name = "activated_at", nullable = false)
	private Instant activatedAt;

	@Column(name = "activated_by", nullable = false)
	private String activatedBy;

	protected ActiveCascadeEntity() {
	}

	ActiveCascadeEntity(CascadeVersionEntity version, Instant activatedAt, String activatedBy) {
		this.cascadeId = version.versionOf().id();
		this.version = version;
		this.activatedAt = activatedAt;
		this.activatedBy = activatedBy;
	}

	CascadeVersionEntity version() {
		return this.version;
	}

	long revision() {
		return Objects.requireNonNull(this.revision);
	}

	void activate(CascadeVersionEntity version, Instant activatedAt, String activatedBy) {
		this.version = version;
		this.activatedAt = activatedAt;
		this.activatedBy = activatedBy;
	}

	ActiveCascade toView() {
		return new ActiveCascade(this.version.toView(), revision(), this.activatedAt, this.activatedBy);
	}

}
