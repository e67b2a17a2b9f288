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
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.EmbeddedColumnNaming;
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

	@Embedded
	@EmbeddedColumnNaming("model_%s")
	private @Nullable ArtifactColumns modelArtifact;

	@Embedded
	@EmbeddedColumnNaming("tokenizer_%s")
	private @Nullable ArtifactColumns tokenizerArtifact;

	@Embedded
	@EmbeddedColumnNaming("head_%s")
	private @Nullable ArtifactColumns headArtifact;

	@Embedded
	@EmbeddedColumnNaming("delta_%s")
	private @Nullable ArtifactColumns deltaArtifact;

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
		this.modelArtifact = ArtifactColumns.of(artifacts.get(ArtifactRole.MODEL));
		this.tokenizerArtifact = ArtifactColumns.of(artifacts.get(ArtifactRole.TOKENIZER));
		this.headArtifact = ArtifactColumns.of(artifacts.get(ArtifactRole.HEAD));
		this.deltaArtifact = ArtifactColumns.of(artifacts.get(ArtifactRole.DELTA));
		this.maxInputLength = request.maxInputLength();
		this.pooling = request.pooling();
		this.labels = new ArrayList<>(request.labels().stream().map(LabelRow::new).toList());
		this.options = new LinkedHashMap<>(request.options());
		this.externalData = new ArrayList<>(externalData.stream().map(ExternalDataRow::new).toList());
	}

	ModelVersion toView() {
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		put(artifacts, ArtifactRole.MODEL, this.modelArtifact);
		put(artifacts, ArtifactRole.TOKENIZER, this.tokenizerArtifact);
		put(artifacts, ArtifactRole.HEAD, this.headArtifact);
		put(artifacts, ArtifactRole.DELTA, this.deltaArtifact);
		return new ModelVersion(id(), versionOf().name(), versionNumber(), this.kind, artifacts,
				this.labels.stream().map(LabelRow::toView).toList(), this.maxInputLength, this.pooling,
				Map.copyOf(this.options), description(), createdAt(), createdBy(),
				this.externalData.stream().map(ExternalDataRow::toView).toList());
	}

	private static void put(Map<ArtifactRole, ArtifactRef> artifacts, ArtifactRole role,
			@Nullable ArtifactColumns columns) {
		if (columns != null) {
			artifacts.put(role, columns.toView());
		}
	}

}
