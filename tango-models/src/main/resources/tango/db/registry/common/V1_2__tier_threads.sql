-- A cascade version's tier may set the ONNX Runtime intra-op threads it runs with,
-- overriding its model version's options; NULL keeps those (or the runtime's defaults).
-- Adding a column fires no row trigger: the immutability guards of V1_1 stay in force.

ALTER TABLE cascade_tiers ADD COLUMN intra_op_threads INTEGER;

ALTER TABLE cascade_tiers ADD CONSTRAINT ck_cascade_tiers_threads
    CHECK (intra_op_threads IS NULL OR intra_op_threads >= 1);
