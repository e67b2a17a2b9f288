package dev.tango.models.registry;

import java.time.Instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An audit record of one activation or rollback, made as it occurred
 * ({@code occurred_at}).
 */
@Entity
@Immutable
@Table(name = "activation_audit")
@AttributeOverride(name = "createdAt", column = @Column(name = "occurred_at", nullable = false))
class ActivationAuditEntity extends RegistryEntity {

	@ManyToOne(optional = false)
	@JoinColumn(name = "cascade_id", nullable = false)
	private CascadeEntity cascade;

	@Enumerated(EnumType.STRING)
	@JdbcTypeCode(SqlTypes.VARCHAR)
	@Column(name = "action", nullable = false)
	private ActivationAction action;

	@ManyToOne
	@JoinColumn(name = "from_version_id")
	private @Nullable CascadeVersionEntity fromVersion;

	@ManyToOne(optional = false)
	@JoinColumn(name = "to_version_id", nullable = false)
	private CascadeVersionEntity toVersion;

	@Column(name = "actor", nullable = false)
	private String actor;

	@Column(name = "reason")
	private @Nullable String reason;

	protected ActivationAuditEntity() {
	}

	ActivationAuditEntity(ActivationAction action, @Nullable CascadeVersionEntity fromVersion,
			CascadeVersionEntity toVersion, String actor, @Nullable String reason, Instant occurredAt) {
		super(occurredAt);
		this.cascade = toVersion.versionOf();
		this.action = action;
		this.fromVersion = fromVersion;
		this.toVersion = toVersion;
		this.actor = actor;
		this.reason = reason;
	}

	ActivationAction action() {
		return this.action;
	}

	@Nullable CascadeVersionEntity fromVersion() {
		return this.fromVersion;
	}

	CascadeVersionEntity toVersion() {
		return this.toVersion;
	}

	ActivationRecord toView() {
		return new ActivationRecord(id(), this.cascade.name(), this.action,
				(this.fromVersion != null) ? this.fromVersion.versionNumber() : null, this.toVersion.versionNumber(),
				this.actor, this.reason, createdAt());
	}

}
