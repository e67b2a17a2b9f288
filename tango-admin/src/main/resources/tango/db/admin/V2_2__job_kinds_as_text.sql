-- A job's kind is the name of a registered handler (a plug-in), checked by the application
-- when a job is submitted, not by a list in the schema.
ALTER TABLE admin_jobs DROP CONSTRAINT ck_admin_jobs_kind;
