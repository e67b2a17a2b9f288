-- PostgreSQL: model versions of the kinds named before V1_7 take their tier kind's name.
-- Rows are immutable (V1_1); the guard is off for this one rewrite, within the migration's
-- transaction, and on again before it commits.

ALTER TABLE model_versions DISABLE TRIGGER model_versions_immutable;

UPDATE model_versions SET kind = 'onnx-classifier' WHERE kind = 'ONNX_CLASSIFIER';
UPDATE model_versions SET kind = 'encoder-linear' WHERE kind = 'ENCODER_HEAD';
UPDATE model_versions SET kind = 'lexical-linear' WHERE kind = 'LEXICAL';
UPDATE model_versions SET kind = 'remote-oip' WHERE kind = 'REMOTE_OIP';

ALTER TABLE model_versions ENABLE TRIGGER model_versions_immutable;
