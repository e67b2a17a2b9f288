-- The recent window of each traffic report: the inputs an instance answered over its
-- traffic window (tango.api.serving-reports.traffic-window, one minute by default, the
-- window of inputs_per_second) and, of those, the inputs that reached each tier, so that
-- the admin shows the escalation of the last minute beside the cumulative one. NULL in
-- rows written by instances that predate the window; the admin leaves those out of the
-- window's sums.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

ALTER TABLE serving_traffic ADD COLUMN window_inputs BIGINT;

-- Inputs that reached each tier over the window, cheapest first, as comma-separated counts.
ALTER TABLE serving_traffic ADD COLUMN window_tier_inputs VARCHAR(1000);

ALTER TABLE serving_traffic ADD CONSTRAINT ck_serving_traffic_window CHECK (window_inputs >= 0);
