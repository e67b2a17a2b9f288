-- How each running API instance serves each active cascade, as it last reported:
-- written by the instances (on every change of state and as a heartbeat), read by the
-- admin. Not part of the immutable registry: rows are replaced in place and deleted when
-- an instance stops.

CREATE TABLE serving_reports (
    instance_id VARCHAR(128) NOT NULL,
    cascade_name VARCHAR(128) NOT NULL,
    active_version INTEGER NOT NULL,
    served_version INTEGER,
    state VARCHAR(16) NOT NULL,
    message VARCHAR(1000),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_serving_reports PRIMARY KEY (instance_id, cascade_name)
);

CREATE INDEX ix_serving_reports_cascade ON serving_reports (cascade_name);
