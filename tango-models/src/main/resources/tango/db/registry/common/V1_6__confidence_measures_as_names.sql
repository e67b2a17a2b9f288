-- A gate's confidence measure is the name of a registered measure (a plug-in), which the
-- application resolves; the schema no longer lists the built-in ones.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE cascade_tiers DROP CONSTRAINT ck_cascade_tiers_gate;

ALTER TABLE cascade_tiers ADD CONSTRAINT ck_cascade_tiers_gate CHECK (
    (threshold IS NULL AND confidence_measure IS NULL AND temperature IS NULL)
    OR (threshold BETWEEN 0 AND 1 AND temperature > 0 AND confidence_measure IS NOT NULL));
