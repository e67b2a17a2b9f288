package dev.tango.models.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import dev.tango.runtime.head.Pooling;

/** An immutable model version. */
@Entity
@Immutable
@Table(name = "model_versions")
@AssociationOverride(name = "versionOf", joinColumns = @JoinColumn(name = "model_id", nullable = false))
class ModelVersionEntity extends VersionEntity<ModelEntity> {

	@Column(name = "kind", nullable = false)
	private String kind;

	@Column(name = "model_uri")
	private @Nullable String modelUri;

	@Column(name = "model_sha256")
	private @Nullable String modelSha256;

	@Column(name = "tokenizer_uri")
	private @Nullable String tokenizerUri;

	@Column(name = "tokenizer_sha256")
	private @Nullable String tokenizerSha256;

	@Column(name = "head_uri")
	private @Nullable String headUri;

	@Column(name = "head_sha256")
	private @Nullable String headSha256;

	@Column(name = "delta_uri")
	private @Nullable String deltaUri;

	@Column(name = "delta_sha256")
	private @Nullable String deltaSha256;

	@Column(name = "max_input_length", nullable = false)
	private int maxInputLength;

	@Enumerated(EnumType.STRING)
	@JdbcTypeCode(SqlTypes.VARCHAR)
	@Column(name = "pooling")
	private @Nullable Pooling pooling;

	@ElementCollection
	@CollectionTable(name = "model_version_labels", joinColumns = @JoinColumn(name = "model_version_id"))
	@OrderColumn(name = "label_index")
	private List<LabelRow> labels = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "model_version_options", joinColumns = @JoinColumn(name = "model_version_id"))
	@MapKeyColumn(name = "option_name")
	@Column(name = "option_value", nullable = false)
	private Map<String, String> options = new LinkedHashMap<>();

	@ElementCollection
	@CollectionTable(name = "model_version_external_data", joinColumns = @JoinColumn(name = "model_version_id"))
	@OrderColumn(name = "file_index")
	private List<ExternalDataRow> externalData = new ArrayList<>();

	protected ModelVersionEntity() {
	}

	ModelVersionEntity(ModelEntity model, int versionNumber, NewModelVersion request,
			Map<ArtifactRole, ArtifactRef> artifacts, List<ExternalDataFile> externalData, Instant createdAt) {
		super(model, versionNumber, request.description(), createdAt, request.createdBy());
		this.kind = request.kind();
		ArtifactRef modelRef = artifacts.get(ArtifactRole.MODEL);
		ArtifactRef tokenizerRef = artifacts.get(ArtifactRole.TOKENIZER);
		ArtifactRef headRef = artifacts.get(ArtifactRole.HEAD);
		this.modelUri = (modelRef != null) ? modelRef.uri() : null;
		this.modelSha256 = (modelRef != null) ? modelRef.sha256() : null;
		this.tokenizerUri = (tokenizerRef != null) ? tokenizerRef.uri() : null;
		this.tokenizerSha256 = (tokenizerRef != null) ? tokenizerRef.sha256() : null;
		this.headUri = (headRef != null) ? headRef.uri() : null;
		this.headSha256 = (headRef != null) ? headRef.sha256() : null;
		ArtifactRef deltaRef = artifacts.get(ArtifactRole.DELTA);
		this.deltaUri = (deltaRef != null) ? deltaRef.uri() : null;
		this.deltaSha256 = (deltaRef != null) ? deltaRef.sha256() : null;
		this.maxInputLength = request.maxInputLength();
		this.pooling = request.pooling();
		this.labels = new ArrayList<>(request.labels().stream().map(LabelRow::new).toList());
		this.options = new LinkedHashMap<>(request.options());
		this.externalData = new ArrayList<>(externalData.stream().map(ExternalDataRow::new).toList());
	}

	ModelVersion toView() {
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		if (this.modelUri != null) {
			artifacts.put(ArtifactRole.MODEL, new ArtifactRef(this.modelUri, this.modelSha256));
		}
		if (this.tokenizerUri != null) {
			artifacts.put(ArtifactRole.TOKENIZER, new ArtifactRef(this.tokenizerUri, this.tokenizerSha256));
		}
		if (this.headUri != null) {
			artifacts.put(ArtifactRole.HEAD, new ArtifactRef(this.headUri, this.headSha256));
		}
		if (this.deltaUri != null) {
			artifacts.put(ArtifactRole.DELTA, new ArtifactRef(this.deltaUri, this.deltaSha256));
		}
		return new ModelVersion(id(), versionOf().name(), versionNumber(), this.kind, artifacts,
				this.labels.stream().map(LabelRow::toView).toList(), this.maxInputLength, this.pooling,
				Map.copyOf(this.options), description(), createdAt(), createdBy(),
				this.externalData.stream().map(ExternalDataRow::toView).toList());
	}

}
