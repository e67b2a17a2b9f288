package dev.tango.admin.job;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this instance works off the job queue.
 *
 * @param enabled whether this instance runs jobs at all (it still accepts them)
 * @param concurrency how many jobs this instance runs at once
 * @param pollInterval how often an idle instance looks for queued jobs
 * @param heartbeatInterval how often a running job's heartbeat is written (and its
 * cancellation checked)
 * @param staleAfter how long without a heartbeat before a running job is failed as
 * abandoned by its instance; several heartbeat intervals
 * @param headDirectory where fitted heads are written; must lie inside one of
 * {@code tango.artifacts.allowed-roots} so that the registry accepts their {@code file:}
 * URIs
 * @param trainingDirectory where training jobs keep their working files, a folder per job
 * (checkpoints that a restarted attempt resumes from); need not be an allowed root
 * @param maxQueued the most jobs waiting to run, of every kind and user, on all the
 * instances that share the database; a submission beyond is refused (503 with
 * {@code Retry-After}) before it is checked, so that a flood of submissions neither grows
 * the queue without end nor costs a check each
 * @param maxQueuedPerUser the most jobs one user may have waiting to run; a submission
 * beyond is refused (429 with {@code Retry-After}) before it is checked, so that one user
 * cannot fill the queue that everyone shares
 * @param maxRunTime the longest one attempt of a job may run; an attempt that runs longer
 * is stopped and the job failed (a training job keeps its last checkpoint, which a
 * restart resumes from)
 * @param checkpointRetention how long the working folder of a failed or cancelled job
 * (its checkpoints, hundreds of megabytes for a fine-tune) is kept for a restart to
 * resume from; afterwards it is removed, and a restart starts afresh. Folders of jobs
 * that succeeded or no longer exist are removed at once
 */
@Validated
@ConfigurationProperties("tango.admin.jobs")
public record JobProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1") @Min(1) @Max(64) int concurrency,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("60s") Duration staleAfter, @DefaultValue("data/heads") Path headDirectory,
		@DefaultValue("data/training") Path trainingDirectory, @DefaultValue("200") @Min(1) int maxQueued,
		@DefaultValue("50") @Min(1) int maxQueuedPerUser,
		@DefaultValue("24h") @DurationMin(seconds = 1) Duration maxRunTime,
		@DefaultValue("7d") @DurationMin(seconds = 0) Duration checkpointRetention) {

}
