package dev.tango.runtime.remote;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.runtime.text.TextTokenizer;

/**
 * A tier whose model runs on a remote Open Inference Protocol v2 server: one
 * {@code infer} call per batch, bounded by the batch's deadline. A circuit breaker
 * watches the calls: once most of the recent ones failed it refuses calls for a while, so
 * requests fail at once instead of waiting for a server that is down, then lets a few
 * calls probe the server. Every failure is a {@link TierUnavailableException} that says
 * what failed, for the clients whose requests it fails; which endpoint and what the
 * server answered are logged, not told to clients. Thread-safe; {@link #close()} releases
 * the connections and the tokenizer.
 */
public final class RemoteOipTier extends AbstractTier {

	private static final Logger logger = LoggerFactory.getLogger(RemoteOipTier.class);

	/** The batch size a remote tier prefers when its spec gives none. */
	public static final int DEFAULT_BATCH_SIZE = 32;

	private final RemoteOptions options;

	private final OipClient client;

	private final OipTensors tensors;

	private final @Nullable TextTokenizer tokenizer;

	private final CircuitBreaker breaker;

	/** Whether the last call failed: failures are logged when they start and end. */
	private volatile boolean failing;

	RemoteOipTier(String name, List<String> labels, RemoteOptions options, OipClient client,
			@Nullable TextTokenizer tokenizer, boolean typeIds, int batchSize) {
		super(name, labels, options.activation(), batchSize);
		this.options = options;
		this.client = client;
		this.tokenizer = tokenizer;
		this.tensors = new OipTensors(options, tokenizer, typeIds, labels.size());
		this.breaker = CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(10)
					.minimumNumberOfCalls(3)
					.failureRateThreshold(50)
					.waitDurationInOpenState(options.openFor())
					.permittedNumberOfCallsInHalfOpenState(1)
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.recordExceptions(RuntimeException.class)
					.build());
	}

	/**
	 * Falls back when its spec's {@code fallback} option is {@code previous-tier}.
	 */
	@Override
	public boolean fallsBack() {
		return this.options.fallBack();
	}

	@Override
	public int maxInputTokens() {
		return (this.tokenizer != null) ? this.tokenizer.maxTokens() : this.options.maxTokens();
	}

	@Override
	public int length(TextInput input) {
		return (this.tokenizer != null) ? this.tokenizer.length(input) : input.charLength();
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		return classify(inputs, this.options.timeout().multipliedBy(this.options.retries() + 1L));
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs, Duration timeLeft) {
		if (inputs.isEmpty()) {
			return List.of();
		}
		if (!this.breaker.tryAcquirePermission()) {
			throw new TierUnavailableException("Remote tier '" + name() + "' is not called: its last calls failed "
					+ "and its circuit breaker is open", this.options.openFor(), this.options.fallBack(), null);
		}
		long start = System.nanoTime();
		try {
			OipTensors.Request request = this.tensors.request(inputs);
			List<Scores> scores = this.tensors.scores(this.client.infer(request.body(), timeLeft), request);
			this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			if (this.failing) {
				this.failing = false;
				logger.info("Remote tier '{}' answers again", name());
			}
			return scores;
		}
		catch (RemoteCallException ex) {
			this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			logFailure(ex.getMessage());
			throw new TierUnavailableException("Remote tier '" + name() + "' failed: " + ex.summary(),
					Duration.ofSeconds(1), this.options.fallBack(), ex);
		}
		catch (MalformedResponseException ex) {
			this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			logFailure("answered a malformed inference response: " + ex.getMessage());
			throw new TierUnavailableException("Remote tier '" + name() + "' answered a malformed inference response",
					Duration.ofSeconds(1), this.options.fallBack(), ex);
		}
		catch (RuntimeException ex) {
			this.breaker.releasePermission();
			throw ex;
		}
	}

	/**
	 * Logs a failed call: at WARN when failures start, at DEBUG while they go on (the
	 * circuit breaker's state and the metrics count them).
	 */
	private void logFailure(String what) {
		if (!this.failing) {
			this.failing = true;
			logger.warn("Remote tier '{}' failed: {}", name(), what);
		}
		else {
			logger.debug("Remote tier '{}' failed again: {}", name(), what);
		}
	}

	/**
	 * Returns whether the tier calls its server now: {@code false} while its circuit
	 * breaker is open after failed calls.
	 * @return whether calls are let through
	 */
	public boolean reachable() {
		return this.breaker.getState() != CircuitBreaker.State.OPEN
				&& this.breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
	}

	/**
	 * Returns the state of the tier's circuit breaker, for health reports.
	 * @return {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}…
	 */
	public String breakerState() {
		return this.breaker.getState().name();
	}

	@Override
	public void close() {
		this.client.close();
		if (this.tokenizer != null) {
			this.tokenizer.close();
		}
	}

}
