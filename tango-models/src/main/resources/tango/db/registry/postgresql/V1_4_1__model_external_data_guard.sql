-- PostgreSQL guard: the external data files of a model version are immutable.

CREATE TRIGGER model_version_external_data_immutable BEFORE UPDATE OR DELETE ON model_version_external_data
    FOR EACH ROW EXECUTE FUNCTION tango_reject_change();
