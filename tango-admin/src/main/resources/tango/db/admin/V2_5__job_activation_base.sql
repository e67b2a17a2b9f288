-- The revision of the active version of the cascade that a job may activate when it ends
-- (JobHandler.activates), noted when the job was submitted; -1 when none was active then. The
-- job activates only while that revision is still the active one, so that it never undoes an
-- activation made since, whatever the clocks of the instances that submitted the job and made
-- the activation. NULL for a job that activates nothing, and for jobs queued before this column.
ALTER TABLE admin_jobs ADD COLUMN activation_base BIGINT;
