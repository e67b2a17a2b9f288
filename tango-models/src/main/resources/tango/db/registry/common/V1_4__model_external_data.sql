-- External data files of a model version's ONNX model: the relative path its tensors
-- name, and the URI and sha256 of the content placed there when the version loads.
-- Rows are immutable, like the version they belong to (the vendor guards follow in V1_4_1).

CREATE TABLE model_version_external_data (
    model_version_id BIGINT NOT NULL,
    file_index INTEGER NOT NULL,
    path VARCHAR(1024) NOT NULL,
    uri VARCHAR(2048) NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    CONSTRAINT pk_model_version_external_data PRIMARY KEY (model_version_id, file_index),
    CONSTRAINT fk_model_version_external_data_version FOREIGN KEY (model_version_id) REFERENCES model_versions (id),
    CONSTRAINT uk_model_version_external_data_path UNIQUE (model_version_id, path),
    CONSTRAINT ck_model_version_external_data_index CHECK (file_index >= 0),
    CONSTRAINT ck_model_version_external_data_sha256 CHECK (CHAR_LENGTH(sha256) = 64)
);
