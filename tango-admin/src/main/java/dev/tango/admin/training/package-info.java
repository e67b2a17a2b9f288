/**
 * Training jobs: fine-tuning a trainable encoder with a linear head on an uploaded data
 * set, end to end on the PyTorch engine, checkpointed in a folder per job so that a
 * restarted job resumes, with its loss and held-out accuracy drawn as the job's curves;
 * the exported float32 and int8 tiers are registered as model versions with their
 * provenance.
 */
@NullMarked
package dev.tango.admin.training;

import org.jspecify.annotations.NullMarked;
