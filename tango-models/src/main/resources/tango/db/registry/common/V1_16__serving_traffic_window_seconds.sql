-- The length of each traffic report's recent window: the seconds its window counts cover,
-- from the oldest snapshot the instance keeps to the report (the instance's
-- tango.api.serving-reports.traffic-window, or less while it has served for less), so that
-- the admin says what "recent" means and instances with other windows are not mistaken
-- for one another. NULL in rows written by instances that predate it.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

ALTER TABLE serving_traffic ADD COLUMN window_seconds DOUBLE PRECISION;
