package dev.tango.admin.job;

import java.time.Instant;

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
 * @param createdAt when it was submitted
 */
public record ClaimedJob(long id, String kind, JsonNode parameters, int attempt, String instanceId, String createdBy,
		Instant createdAt) {

}
