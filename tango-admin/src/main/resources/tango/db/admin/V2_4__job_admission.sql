-- One row that a job's submission or restart locks while it counts the queue and adds to it, so
-- that concurrent ones cannot together pass the queue's limits (tango.admin.jobs.max-queued and
-- max-queued-per-user).
CREATE TABLE admin_job_admission (
    id INTEGER PRIMARY KEY
);
INSERT INTO admin_job_admission (id) VALUES (1);
