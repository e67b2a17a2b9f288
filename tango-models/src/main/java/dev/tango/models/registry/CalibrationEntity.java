package dev.tango.models.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** An immutable calibration result of a cascade version. */
@Entity
@Immutable
@Table(name = "calibration_results")
class CalibrationEntity extends RegistryEntity {

	@ManyToOne(optional = false)
	@JoinColumn(name = "cascade_version_id", nullable = false)
	private CascadeVersionEntity cascadeVersion;

	@Column(name = "dataset_name", nullable = false)
	private String datasetName;

	@Column(name = "dataset_sha256", nullable = false)
	private String datasetSha256;

	@Column(name = "policy", nullable = false)
	private String policy;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	@ElementCollection
	@CollectionTable(name = "calibration_parameters", joinColumns = @JoinColumn(name = "calibration_id"))
	@MapKeyColumn(name = "parameter_name")
	@Column(name = "parameter_value", nullable = false)
	private Map<String, String> parameters = new LinkedHashMap<>();

	@ElementCollection
	@CollectionTable(name = "calibration_thresholds", joinColumns = @JoinColumn(name = "calibration_id"))
	@MapKeyColumn(name = "gate_index")
	@Column(name = "threshold", nullable = false)
	private Map<Integer, Double> thresholds = new LinkedHashMap<>();

	@ElementCollection
	@CollectionTable(name = "calibration_points", joinColumns = @JoinColumn(name = "calibration_id"))
	@OrderColumn(name = "point_index")
	private List<PointRow> points = new ArrayList<>();

	protected CalibrationEntity() {
	}

	CalibrationEntity(CascadeVersionEntity cascadeVersion, NewCalibration request, String datasetSha256,
			Instant createdAt) {
		super(createdAt);
		this.cascadeVersion = cascadeVersion;
		this.datasetName = request.datasetName();
		this.datasetSha256 = datasetSha256;
		this.policy = request.policy();
		this.createdBy = request.createdBy();
		this.parameters = new LinkedHashMap<>(request.parameters());
		this.thresholds = new LinkedHashMap<>(request.thresholds());
		this.points = new ArrayList<>(request.curve().stream().map(PointRow::new).toList());
	}

	CalibrationResult toView() {
		return new CalibrationResult(id(), this.cascadeVersion.versionOf().name(), this.cascadeVersion.versionNumber(),
				this.datasetName, this.datasetSha256, this.policy, Map.copyOf(this.parameters),
				Map.copyOf(this.thresholds), this.points.stream().map(PointRow::toView).toList(), createdAt(),
				this.createdBy);
	}

}
