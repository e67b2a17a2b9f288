-- H2: model versions of the kinds named before V1_7 take their tier kind's name. Rows are
-- immutable (V1_1); H2 cannot switch a trigger off, so the guard is dropped for this one
-- rewrite and created again as V1_1 created it.

DROP TRIGGER model_versions_immutable;

UPDATE model_versions SET kind = 'onnx-classifier' WHERE kind = 'ONNX_CLASSIFIER';
UPDATE model_versions SET kind = 'encoder-linear' WHERE kind = 'ENCODER_HEAD';
UPDATE model_versions SET kind = 'lexical-linear' WHERE kind = 'LEXICAL';
UPDATE model_versions SET kind = 'remote-oip' WHERE kind = 'REMOTE_OIP';

CREATE TRIGGER model_versions_immutable BEFORE UPDATE, DELETE ON model_versions
    FOR EACH ROW CALL 'dev.tango.models.registry.H2ImmutableRowTrigger';
