-- A model version's kind is the name of the runtime's tier kind that serves it (a plug-in),
-- which says which artifacts it needs and which of them carry a sha256; the application
-- checks those rules, so the schema no longer lists kinds or their artifacts. What stays is
-- true of every kind: a sha256 belongs to an artifact, and has 64 hexadecimal digits; an
-- artifact without one is an address (a remote endpoint). Pooling is one the runtime serves.
-- The vendor migration V1_7_1 rewrites the kinds of existing rows to the tier-kind names.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_kind;

ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_artifacts;

ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_model;

ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_tokenizer;

ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_head;

ALTER TABLE model_versions DROP CONSTRAINT ck_model_versions_pooling;

ALTER TABLE model_versions ALTER COLUMN kind SET DATA TYPE VARCHAR(128);

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_kind CHECK (CHAR_LENGTH(kind) > 0);

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_model
    CHECK (model_sha256 IS NULL OR (model_uri IS NOT NULL AND CHAR_LENGTH(model_sha256) = 64));

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_tokenizer
    CHECK (tokenizer_sha256 IS NULL OR (tokenizer_uri IS NOT NULL AND CHAR_LENGTH(tokenizer_sha256) = 64));

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_head
    CHECK (head_sha256 IS NULL OR (head_uri IS NOT NULL AND CHAR_LENGTH(head_sha256) = 64));

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_pooling
    CHECK (pooling IS NULL OR pooling IN ('MEAN', 'CLS'));
