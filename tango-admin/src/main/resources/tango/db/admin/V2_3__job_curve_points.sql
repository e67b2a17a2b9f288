-- The points of the curves a job draws while it runs (a training run's loss and held-out
-- accuracy by step), kept with the job so that its page shows them during and after the run.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE admin_job_points (
    job_id BIGINT NOT NULL,
    series VARCHAR(64) NOT NULL,
    x BIGINT NOT NULL,
    y DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_admin_job_points PRIMARY KEY (job_id, series, x),
    CONSTRAINT fk_admin_job_points_job FOREIGN KEY (job_id) REFERENCES admin_jobs (id) ON DELETE CASCADE
);
