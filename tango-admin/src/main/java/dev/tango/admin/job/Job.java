package dev.tango.admin.job;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param curves the curves it drew, by series (see {@link JobCurves}); given for a single
 * job, empty in listings
 */
public record Job(long id, String kind, JobStatus status, JsonNode parameters, Instant createdAt, String createdBy,
		int attempt, @Nullable String instanceId, @Nullable Instant startedAt, @Nullable Instant heartbeatAt,
		@Nullable Instant finishedAt, boolean cancelRequested, Progress progress, @Nullable JsonNode result,
		@Nullable String error, Map<String, List<CurvePoint>> curves) {

	public Job {
		curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
	}

	/**
	 * Returns this job with its curves.
	 * @param curves the curves by series
	 * @return the job
	 */
	public Job withCurves(Map<String, List<CurvePoint>> curves) {
		return new Job(this.id, this.kind, this.status, this.parameters, this.createdAt, this.createdBy, this.attempt,
				this.instanceId, this.startedAt, this.heartbeatAt, this.finishedAt, this.cancelRequested, this.progress,
				this.result, this.error, curves);
	}

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
