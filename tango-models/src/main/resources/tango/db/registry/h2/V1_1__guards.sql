-- H2 guards: versions, audit records and calibrations are immutable.
-- (The embedded database has no LISTEN/NOTIFY: changes are found by polling.)

CREATE TRIGGER models_immutable BEFORE UPDATE, DELETE ON models
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER model_versions_immutable BEFORE UPDATE, DELETE ON model_versions
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER model_version_labels_immutable BEFORE UPDATE, DELETE ON model_version_labels
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER model_version_options_immutable BEFORE UPDATE, DELETE ON model_version_options
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER cascades_immutable BEFORE UPDATE, DELETE ON cascades
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER cascade_versions_immutable BEFORE UPDATE, DELETE ON cascade_versions
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER cascade_tiers_immutable BEFORE UPDATE, DELETE ON cascade_tiers
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER activation_audit_immutable BEFORE UPDATE, DELETE ON activation_audit
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER calibration_results_immutable BEFORE UPDATE, DELETE ON calibration_results
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER calibration_parameters_immutable BEFORE UPDATE, DELETE ON calibration_parameters
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER calibration_thresholds_immutable BEFORE UPDATE, DELETE ON calibration_thresholds
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
CREATE TRIGGER calibration_points_immutable BEFORE UPDATE, DELETE ON calibration_points
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
