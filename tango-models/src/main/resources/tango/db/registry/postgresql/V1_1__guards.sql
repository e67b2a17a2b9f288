-- PostgreSQL guards: versions, audit records and calibrations are immutable, and every
-- change of an active version is announced on the tango_registry channel.

CREATE FUNCTION tango_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are immutable', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER models_immutable BEFORE UPDATE OR DELETE ON models
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER model_version_labels_immutable BEFORE UPDATE OR DELETE ON model_version_labels
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER model_version_options_immutable BEFORE UPDATE OR DELETE ON model_version_options
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER cascades_immutable BEFORE UPDATE OR DELETE ON cascades
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER cascade_versions_immutable BEFORE UPDATE OR DELETE ON cascade_versions
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER cascade_tiers_immutable BEFORE UPDATE OR DELETE ON cascade_tiers
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER activation_audit_immutable BEFORE UPDATE OR DELETE ON activation_audit
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER calibration_results_immutable BEFORE UPDATE OR DELETE ON calibration_results
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER calibration_parameters_immutable BEFORE UPDATE OR DELETE ON calibration_parameters
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER calibration_thresholds_immutable BEFORE UPDATE OR DELETE ON calibration_thresholds
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
CREATE TRIGGER calibration_points_immutable BEFORE UPDATE OR DELETE ON calibration_points
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();

CREATE FUNCTION tango_notify_activation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tango_registry', CAST(NEW.cascade_id AS TEXT));
    RETURN NEW;
END
$$;

CREATE TRIGGER active_cascades_notify AFTER INSERT OR UPDATE ON active_cascades
    FOR EACH ROW EXECUTE FUNCTION tango_notify_activation();
