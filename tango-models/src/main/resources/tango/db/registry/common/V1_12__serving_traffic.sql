-- Traffic of each API instance on each cascade version it serves (the active version, and
-- a release plan's candidate), as it last reported: cumulative counters since the
-- instance began serving the version, its rate of answered inputs and the quantiles of
-- its request latency over the last minute. Written by the instances about every five
-- seconds, read by the admin. Not part of the immutable registry: rows are replaced in
-- place, deleted when an instance stops serving a version, and expired when an instance
-- stops reporting.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE serving_traffic (
    instance_id VARCHAR(128) NOT NULL,
    cascade_name VARCHAR(128) NOT NULL,
    cascade_version INTEGER NOT NULL,
    requests BIGINT NOT NULL,
    failures BIGINT NOT NULL,
    refusals BIGINT NOT NULL,
    inputs BIGINT NOT NULL,
    -- Inputs that reached each tier, cheapest first, as comma-separated counts.
    tier_inputs VARCHAR(1000) NOT NULL,
    inputs_per_second DOUBLE PRECISION NOT NULL,
    latency_p50_ms DOUBLE PRECISION,
    latency_p95_ms DOUBLE PRECISION,
    latency_p99_ms DOUBLE PRECISION,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_serving_traffic PRIMARY KEY (instance_id, cascade_name, cascade_version),
    CONSTRAINT ck_serving_traffic_values CHECK (
        cascade_version > 0 AND requests >= 0 AND failures >= 0 AND refusals >= 0 AND inputs >= 0
        AND inputs_per_second >= 0)
);

CREATE INDEX ix_serving_traffic_cascade ON serving_traffic (cascade_name);

CREATE INDEX ix_serving_traffic_updated ON serving_traffic (updated_at);
