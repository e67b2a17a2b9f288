package dev.tango.api.classify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.tango.api.ApiProperties;
import dev.tango.api.answer.AnswerId;
import dev.tango.api.answer.AnswerIds;
import dev.tango.api.drift.DriftWatch;
import dev.tango.api.release.ReleaseRouter;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.ServedCascade;
import dev.tango.api.tracing.RequestSpan;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import dev.tango.models.feedback.FeedbackEntry;

/**
 * Classifies the inputs of a request with the cascade version that serves: checks the
 * request against the limits, submits it to the version's batcher and returns the
 * answers, all from that version.
 *
 * <p>
 * Never blocks and never runs inference. The returned future completes on a virtual
 * thread of its own, never on a batcher's worker thread: what depends on it (mapping the
 * answer, metrics, writing the response) does not hold up inference. Cancelling it drops
 * the request's inputs that have not run yet.
 *
 * <p>
 * Records {@code tango.requests} (a timer tagged with the cascade, the version that took
 * the request, the protocol and the outcome: {@code success}, {@code invalid},
 * {@code rejected}, {@code cancelled} or {@code failed}; it publishes its median, 95th
 * and 99th percentiles over about the last {@link #LATENCY_WINDOW}; a request that is
 * answered or fails is recorded before its future completes) and
 * {@code tango.request.inputs} (a summary of inputs per request, by cascade and version),
 * and traces each request with a {@link RequestSpan}, current while the request is
 * submitted so that the tier calls that hold its inputs link to it. Thread-safe.
 */
@Service
public class ClassificationService {

	private static final Logger logger = LoggerFactory.getLogger(ClassificationService.class);

	private static final Duration[] LATENCY_SLOS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

	/** The window of the latency percentiles that {@code tango.requests} publishes. */
	public static final Duration LATENCY_WINDOW = Duration.ofMinutes(1);

	private final CascadeServer server;

	private final ApiProperties.Limits limits;

	private final Duration requestTimeout;

	private final MeterRegistry meters;

	private final AnswerIds answerIds;

	private final ServingTracing tracing;

	private final DriftWatch drift;

	private final ReleaseRouter releases;

	/**
	 * {@code tango.request.inputs} by cascade and version, registered on first use; only
	 * served versions reach it, as every request is checked against them first.
	 */
	private final Map<VersionKey, DistributionSummary> inputsSummaries = new ConcurrentHashMap<>();

	/** {@code tango.requests} by tags, registered on first use, as above. */
	private final Map<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();

	/** Whether recording a request has failed once: later failures log at debug level. */
	private final AtomicBoolean recordingFailed = new AtomicBoolean();

	/** Completes answers, each on a new virtual thread: nothing to shut down. */
	private final Executor completions;

	/**
	 * Creates the service.
	 * @param server the served cascades
	 * @param properties the service's settings
	 * @param meters where the request metrics go
	 * @param answerIds signs the id of each answer
	 * @param tracing traces each request
	 * @param drift counts the answers for the drift watch
	 * @param releases routes requests by the running release plans
	 */
	public ClassificationService(CascadeServer server, ApiProperties properties, MeterRegistry meters,
			AnswerIds answerIds, ServingTracing tracing, DriftWatch drift, ReleaseRouter releases) {
		this.drift = drift;
		this.releases = releases;
		this.server = server;
		this.answerIds = answerIds;
		this.limits = properties.limits();
		this.requestTimeout = properties.requestTimeout();
		this.meters = meters;
		this.tracing = tracing;
		ThreadFactory threads = Thread.ofVirtual().name("tango-answer").factory();
		this.completions = (task) -> threads.newThread(task).start();
	}

	/**
	 * Classifies the inputs of a request.
	 * @param command the request
	 * @return the future answers; it completes exceptionally with a
	 * {@link RequestRejectedException} (a queue was full, the deadline passed, or the
	 * service is stopping), a {@link TokenLimitExceededException}, or a
	 * {@link dev.tango.core.tier.TierException}
	 * @throws dev.tango.api.serving.CascadeNotFoundException if no such cascade is active
	 * @throws dev.tango.api.serving.CascadeNotReadyException if none of its versions
	 * serves yet
	 * @throws dev.tango.api.serving.VersionNotServedException if the command requires
	 * another version than the one that serves
	 * @throws InvalidInputException if the command has no inputs
	 * @throws RequestTooLargeException if it exceeds a limit
	 * @throws RequestRejectedException if the first tier's queue has no room for it
	 */
	public CompletableFuture<Classification> classify(ClassifyCommand command) {
		return classify(this.server.require(command.cascade(), command.version()), command);
	}

	/**
	 * Classifies the inputs of a request with the version the caller has resolved it to
	 * (with {@link CascadeServer#require}), so that a request looks its cascade up once.
	 * @param served the version that serves the command's cascade and version
	 * @param command the request
	 * @return the future answers, as {@link #classify(ClassifyCommand)}
	 * @throws InvalidInputException if the command has no inputs
	 * @throws RequestTooLargeException if it exceeds a limit
	 * @throws RequestRejectedException if the first tier's queue has no room for it
	 */
	public CompletableFuture<Classification> classify(ServedCascade served, ClassifyCommand command) {
		ServedCascade routed = this.releases.route(served, command.version(), command.requestKey());
		long start = System.nanoTime();
		RequestSpan span = this.tracing.requestStarted(command.cascade(), routed.versionNumber(),
				lowerCase(command.protocol()), command.inputs().size());
		try {
			check(command.inputs());
		}
		catch (RuntimeException ex) {
			record(command, routed, Outcome.INVALID, start, span, null);
			throw ex;
		}
		CascadeServer.Submission submission;
		Tracer.SpanInScope scope = span.open();
		try {
			submission = this.server.submit(routed, command.version(), command.inputs(),
					new RequestOptions(command.probabilities(), this.requestTimeout));
		}
		catch (RequestRejectedException ex) {
			record(command, routed, Outcome.REJECTED, start, span, null);
			throw ex;
		}
		finally {
			scope.close();
		}
		if (submission.served() != routed) {
			span.servedBy(submission.served().versionNumber());
		}
		ServedCascade taker = submission.served();
		this.inputsSummaries
			.computeIfAbsent(new VersionKey(taker.name(), taker.versionNumber()),
					(key) -> DistributionSummary.builder("tango.request.inputs")
						.description("Inputs per classification request")
						.tag("cascade", key.cascade())
						.tag("version", Integer.toString(key.version()))
						.register(this.meters))
			.record(command.inputs().size());
		CompletableFuture<BatchingResult> source = submission.result();
		this.releases.observe(taker, command.inputs(), source, command.requestKey());
		CompletableFuture<Classification> answer = new CompletableFuture<>();
		// An answer cancelled meanwhile (the client gave up) is not classified, so that
		// drift does not count what nobody received.
		source
			.thenApplyAsync((result) -> answer.isDone() ? null : classification(taker, result, command),
					this.completions)
			.whenComplete((result, failure) -> {
				// Recorded before the answer completes, so that the request is counted
				// by the time its response is written; the answer completes whatever
				// happens.
				try {
					Throwable cause = cause(failure);
					Outcome outcome = answer.isCancelled() ? Outcome.CANCELLED : outcome(cause);
					record(command, taker, outcome, start, span, (outcome == Outcome.FAILED) ? cause : null);
				}
				finally {
					if (failure != null) {
						answer.completeExceptionally(failure);
					}
					else {
						answer.complete(result);
					}
				}
			});
		answer.whenComplete((result, failure) -> {
			if (answer.isCancelled()) {
				source.cancel(false);
			}
		});
		return answer;
	}

	private void check(List<TextInput> inputs) {
		if (inputs.isEmpty()) {
			throw new InvalidInputException("The request has no inputs: give at least one");
		}
		if (inputs.size() > this.limits.maxInputs()) {
			throw new RequestTooLargeException(RequestTooLargeException.Kind.TOO_MANY_INPUTS, "The request has "
					+ inputs.size() + " inputs; at most " + this.limits.maxInputs() + " are accepted in one request");
		}
		for (int i = 0; i < inputs.size(); i++) {
			int chars = inputs.get(i).charLength();
			if (chars > this.limits.maxInputChars()) {
				throw new RequestTooLargeException(RequestTooLargeException.Kind.INPUT_TOO_LONG, "Input " + i + " has "
						+ chars + " characters; at most " + this.limits.maxInputChars() + " are accepted in one input");
			}
			WellFormedText.require(inputs.get(i), "Input " + i);
		}
	}

	private Classification classification(ServedCascade served, BatchingResult result, ClassifyCommand command) {
		List<Prediction> predictions = result.predictions();
		this.drift.observe(served, predictions);
		if (!command.truncate()) {
			checkNotTruncated(served, predictions);
		}
		Instant now = Instant.now();
		List<String> ids = new ArrayList<>(predictions.size());
		for (int i = 0; i < predictions.size(); i++) {
			Prediction prediction = predictions.get(i);
			ids.add(this.answerIds.sign(new AnswerId(served.name(), served.versionNumber(), prediction.tier(),
					prediction.labelIndex(), FeedbackEntry.textSha256(command.inputs().get(i)), now)));
		}
		return new Classification(served.name(), served.versionNumber(), served.labels(), predictions, result.stages(),
				result.nanos(), ids);
	}

	private static void checkNotTruncated(ServedCascade served, List<Prediction> predictions) {
		List<Integer> truncated = new ArrayList<>();
		StringBuilder detail = new StringBuilder();
		for (int i = 0; i < predictions.size(); i++) {
			Prediction prediction = predictions.get(i);
			if (prediction.truncated()) {
				truncated.add(i);
				if (truncated.size() <= 5) {
					var tier = served.stages().get(prediction.tier()).tier();
					detail.append((truncated.size() > 1) ? "; " : "")
						.append("input ")
						.append(i)
						.append(" is longer than the ")
						.append(tier.maxInputTokens())
						.append(" tokens tier '")
						.append(tier.name())
						.append("' reads");
				}
			}
		}
		if (!truncated.isEmpty()) {
			if (truncated.size() > 5) {
				detail.append("; and ").append(truncated.size() - 5).append(" more");
			}
			throw new TokenLimitExceededException(
					detail + ". Shorten the inputs, or set truncate to true to classify their beginning", truncated);
		}
	}

	private void record(ClassifyCommand command, ServedCascade served, Outcome outcome, long start, RequestSpan span,
			@Nullable Throwable error) {
		try {
			this.requestTimers
				.computeIfAbsent(new TimerKey(command.cascade(), served.versionNumber(), command.protocol(), outcome),
						this::requestTimer)
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			// a meter registry that refuses the timer refuses it for every request:
			// the first failure is logged, the others at debug level
			if (this.recordingFailed.compareAndSet(false, true)) {
				logger.warn("Could not record a request to cascade {} in tango.requests; further failures are "
						+ "logged at debug level", command.cascade(), ex);
			}
			else {
				logger.debug("Could not record a request to cascade {}", command.cascade(), ex);
			}
		}
		finally {
			span.ended(lowerCase(outcome), error);
		}
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private Timer requestTimer(TimerKey key) {
		return Timer.builder("tango.requests")
			.description("Classification requests")
			.tag("cascade", key.cascade())
			.tag("version", Integer.toString(key.version()))
			.tag("protocol", lowerCase(key.protocol()))
			.tag("outcome", lowerCase(key.outcome()))
			.serviceLevelObjectives(LATENCY_SLOS)
			.publishPercentiles(0.5, 0.95, 0.99)
			.distributionStatisticExpiry(LATENCY_WINDOW)
			.register(this.meters);
	}

	private static @Nullable Throwable cause(@Nullable Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static Outcome outcome(@Nullable Throwable cause) {
		if (cause == null) {
			return Outcome.SUCCESS;
		}
		if (cause instanceof CancellationException) {
			return Outcome.CANCELLED;
		}
		if (cause instanceof RequestRejectedException) {
			return Outcome.REJECTED;
		}
		if (cause instanceof TokenLimitExceededException) {
			return Outcome.INVALID;
		}
		return Outcome.FAILED;
	}

	private enum Outcome {

		SUCCESS, INVALID, REJECTED, CANCELLED, FAILED

	}

	/** The tags of one {@code tango.requests} timer. */
	private record TimerKey(String cascade, int version, ClassifyCommand.Protocol protocol, Outcome outcome) {

	}

	/** The tags of one {@code tango.request.inputs} summary. */
	private record VersionKey(String cascade, int version) {

	}

}
