-- An encoder model version may ship its encoder as an initializer delta on a bundled
-- encoder: the model artifact is then that base, and the delta artifact the changes a
-- training run made to it. Like every artifact, a delta with a sha256 has a URI.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE model_versions ADD COLUMN delta_uri VARCHAR(2048);

ALTER TABLE model_versions ADD COLUMN delta_sha256 VARCHAR(64);

ALTER TABLE model_versions ADD CONSTRAINT ck_model_versions_delta
    CHECK (delta_sha256 IS NULL OR (delta_uri IS NOT NULL AND CHAR_LENGTH(delta_sha256) = 64));
