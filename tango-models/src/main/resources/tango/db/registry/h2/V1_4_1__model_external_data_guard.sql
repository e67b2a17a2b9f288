-- H2 guard: the external data files of a model version are immutable.

CREATE TRIGGER model_version_external_data_immutable BEFORE UPDATE, DELETE ON model_version_external_data
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
