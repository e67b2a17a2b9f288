package dev.tango.admin.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job as stored.
 *
 * @param id its identifier
 * @param kind the name of its {@link JobHandler kind}, such as {@code FIT_HEAD}
 * @param status where it stands
 * @param parameters its parameters, as submitted
 * @param createdAt when it was submitted
 * @param createdBy who submitted it
 * @param attempt how many times an instance claimed it
 * @param instanceId the instance that claimed it last, or {@code null}
 * @param startedAt when the last attempt started, or {@code null}
 * @param heartbeatAt the last heartbeat of the last attempt, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param cancelRequested whether a cancellation was asked for while it ran
 * @param progress its progress
 * @param result what it produced, once succeeded, or {@code null}
 * @param error why it failed, or {@code null}
 */
public record Job(long id, String kind, JobStatus status, JsonNode parameters, Instant createdAt, String createdBy,
		int attempt, @Nullable String instanceId, @Nullable Instant startedAt, @Nullable Instant heartbeatAt,
		@Nullable Instant finishedAt, boolean cancelRequested, Progress progress, @Nullable JsonNode result,
		@Nullable String error) {

	/**
	 * How far a job got. Percent and items done never decrease within an attempt.
	 *
	 * @param percent the share done, in {@code [0, 100]}
	 * @param phase what it is doing, or {@code null}
	 * @param itemsDone the items of the current phase done
	 * @param itemsTotal the items of the current phase, or {@code null} if unknown
	 * @param etaAt when it is expected to finish, or {@code null} if unknown
	 */
	public record Progress(double percent, @Nullable String phase, long itemsDone, @Nullable Long itemsTotal,
			@Nullable Instant etaAt) {

	}

}
