-- A label keeps its identifier (what labelled data, heads and tiers use) and gains an optional
-- display name, which answers show. Existing labels have none, so they are shown by their
-- identifier as before; adding a nullable column changes no row, so the immutability guards of
-- V1_1 stay as they are. Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE model_version_labels ADD COLUMN display_name VARCHAR(256);

ALTER TABLE model_version_labels ADD CONSTRAINT ck_model_version_labels_display_name
    CHECK (display_name IS NULL OR CHAR_LENGTH(display_name) > 0);

ALTER TABLE model_version_labels ADD CONSTRAINT uk_model_version_labels_display_name
    UNIQUE (model_version_id, display_name);
