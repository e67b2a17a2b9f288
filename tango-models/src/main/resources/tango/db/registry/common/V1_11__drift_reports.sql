-- Drift watch: where each API instance's sequential tests stand for each cascade version
-- it serves, one row per watched stream (a tier's escalation, or a tier's share of one
-- label), as it last reported: written by the instances about every 15 seconds and when
-- an alarm rises or clears, read by the admin. Not part of the immutable registry: rows
-- are replaced in place, deleted when an instance stops serving a version, and expired
-- when an instance stops reporting.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE drift_reports (
    instance_id VARCHAR(128) NOT NULL,
    cascade_name VARCHAR(128) NOT NULL,
    cascade_version INTEGER NOT NULL,
    stream VARCHAR(16) NOT NULL,
    tier_index INTEGER NOT NULL,
    label VARCHAR(256) NOT NULL,
    reference_rate DOUBLE PRECISION NOT NULL,
    live_rate DOUBLE PRECISION,
    observations BIGINT NOT NULL,
    statistic DOUBLE PRECISION NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    alarm BOOLEAN NOT NULL,
    direction VARCHAR(8) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_drift_reports PRIMARY KEY (instance_id, cascade_name, cascade_version, stream, tier_index, label),
    CONSTRAINT ck_drift_reports_stream CHECK (stream IN ('ESCALATION', 'LABEL_SHARE')),
    CONSTRAINT ck_drift_reports_direction CHECK (direction IN ('NONE', 'RISE', 'FALL')),
    CONSTRAINT ck_drift_reports_values CHECK (
        cascade_version > 0 AND tier_index >= 0 AND observations >= 0 AND threshold > 0 AND statistic >= 0
        AND reference_rate BETWEEN 0 AND 1 AND (live_rate IS NULL OR live_rate BETWEEN 0 AND 1))
);

CREATE INDEX ix_drift_reports_cascade ON drift_reports (cascade_name, cascade_version);

CREATE INDEX ix_drift_reports_updated ON drift_reports (updated_at);
