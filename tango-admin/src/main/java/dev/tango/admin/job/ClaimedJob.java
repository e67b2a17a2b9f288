package dev.tango.admin.job;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job this instance claimed: one attempt at it. Every write about the attempt names the
 * attempt and the instance, so that an instance that lost the job (failed as stale,
 * restarted elsewhere) cannot overwrite what another attempt records.
 *
 * @param id the job's identifier
 * @param kind the name of its {@link JobHandler kind}
 * @param parameters its parameters
 * @param attempt the attempt's number, from 1
 * @param instanceId the instance that claimed it
 * @param createdBy who submitted the job
 * @param activationBase the active revision of the cascade the job may activate, noted at
 * submission ({@link JobContext#activationBase}), or {@code null}
 */
public record ClaimedJob(long id, String kind, JsonNode parameters, int attempt, String instanceId, String createdBy,
		@Nullable Long activationBase) {

}
