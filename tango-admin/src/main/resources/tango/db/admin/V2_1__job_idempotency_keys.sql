-- Idempotency keys of job submissions: one job per submitter and key.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode. Jobs submitted without a key have none (NULL),
-- which the unique constraint does not compare.

ALTER TABLE admin_jobs ADD COLUMN idempotency_key VARCHAR(255);

ALTER TABLE admin_jobs ADD CONSTRAINT uk_admin_jobs_idempotency_key UNIQUE (created_by, idempotency_key);
