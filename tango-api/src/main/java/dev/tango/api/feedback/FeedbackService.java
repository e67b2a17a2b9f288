package dev.tango.api.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import dev.tango.api.ApiProperties;
import dev.tango.api.answer.AnswerId;
import dev.tango.api.answer.AnswerIds;
import dev.tango.api.classify.InvalidInputException;
import dev.tango.api.classify.RequestTooLargeException;
import dev.tango.api.classify.WellFormedText;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.UnicodeText;
import dev.tango.models.feedback.FeedbackEntry;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.health.DatabaseReach;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.web.ratelimit.ClientRateLimiter;

/**
 * Takes feedback: checks a request against the limits, the rate its client may send and
 * the rate this instance accepts from all clients, then each item on its own (its answer
 * id verified, its label one of the answering version's, its text the one answered), and
 * stores the good ones. Any instance can take feedback on any instance's answers: ids are
 * verified with the shared key, and the labels of a version are read from the registry
 * (versions are immutable, so they are cached). Records {@code tango.feedback.items},
 * tagged with the outcome. Thread-safe.
 */
public class FeedbackService {

	private final FeedbackStore store;

	private final AnswerIds answerIds;

	private final ModelRegistry registry;

	private final FeedbackProperties properties;

	private final int maxInputChars;

	private final String defaultCascade;

	private final RateLimiter rate;

	private final ClientRateLimiter clientRate;

	private final Clock clock;

	private final Map<String, List<Label>> labelsByVersion = new ConcurrentHashMap<>();

	private final Map<FeedbackOutcome.Status, Counter> counters = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	/**
	 * Creates the service.
	 * @param store where feedback goes
	 * @param answerIds verifies answer ids
	 * @param registry the registry, for the labels of cascade versions
	 * @param properties the feedback settings
	 * @param api the service's settings, for the longest input and the default cascade
	 * @param meters where the item counts go
	 * @param clock the time
	 */
	public FeedbackService(FeedbackStore store, AnswerIds answerIds, ModelRegistry registry,
			FeedbackProperties properties, ApiProperties api, MeterRegistry meters, Clock clock) {
		this.store = store;
		this.answerIds = answerIds;
		this.registry = registry;
		this.properties = properties;
		this.maxInputChars = api.limits().maxInputChars();
		this.defaultCascade = api.defaultCascade();
		this.meters = meters;
		this.clock = clock;
		this.rate = RateLimiter.of("tango-feedback",
				RateLimiterConfig.custom()
					.limitForPeriod(properties.itemsPerSecond())
					.limitRefreshPeriod(Duration.ofSeconds(1))
					.timeoutDuration(Duration.ZERO)
					.build());
		FeedbackProperties.PerClient perClient = properties.perClient();
		this.clientRate = new ClientRateLimiter(perClient.itemsPerSecond(), Duration.ofSeconds(1),
				perClient.maxClients(), perClient.idleTime(), System::nanoTime);
	}

	/**
	 * Takes the items of one request.
	 * @param client who sends them, as the web layer names clients (an authenticated
	 * principal, an API key, an address); the per-client limit counts per distinct name
	 * @param cascade the cascade of the items sent without an answer id, or {@code null}
	 * for {@code tango.api.default-cascade}
	 * @param items the items
	 * @return one outcome per item, in order
	 * @throws InvalidInputException if there are no items, or a text or the cascade's
	 * name holds what the database cannot store
	 * @throws RequestTooLargeException if there are more than
	 * {@code tango.api.feedback.max-items}, or a text is longer than an input may be
	 * @throws FeedbackRateExceededException if the client has sent as many items as it
	 * may this second, or this instance has taken as many items as it accepts this second
	 * @throws FeedbackUnavailableException if the database is out of reach
	 * ({@link DatabaseReach#lost}; a failure the data causes is not this)
	 */
	public List<FeedbackOutcome> submit(String client, @Nullable String cascade, List<FeedbackItem> items) {
		check(items);
		requireNoNul(cascade, "The cascade's name");
		// The client's limit first, so that a flooding client is refused without using up
		// what the instance accepts from all.
		Duration wait = this.clientRate.tryAcquire(client, items.size());
		if (!wait.isZero()) {
			throw FeedbackRateExceededException.ofClient(items.size(), this.properties.perClient().itemsPerSecond(),
					wait);
		}
		if (!this.rate.acquirePermission(items.size())) {
			this.clientRate.release(client, items.size());
			throw FeedbackRateExceededException.ofInstance(items.size(), this.properties.itemsPerSecond());
		}
		Instant now = this.clock.instant();
		List<FeedbackOutcome> outcomes = new ArrayList<>(items.size());
		try {
			for (FeedbackItem item : items) {
				FeedbackOutcome outcome = take(item, (cascade != null) ? cascade : this.defaultCascade, now);
				count(outcome);
				outcomes.add(outcome);
			}
		}
		catch (DataAccessException | TransactionException ex) {
			if (DatabaseReach.lost(ex)) {
				throw new FeedbackUnavailableException(ex);
			}
			throw ex;
		}
		return outcomes;
	}

	private void check(List<FeedbackItem> items) {
		if (items.isEmpty()) {
			throw new InvalidInputException("The request has no items: give at least one");
		}
		if (items.size() > this.properties.maxItems()) {
			throw new RequestTooLargeException(RequestTooLargeException.Kind.TOO_MANY_INPUTS,
					"The request has " + items.size() + " items; at most " + this.properties.maxItems()
							+ " are accepted in one feedback request");
		}
		for (int i = 0; i < items.size(); i++) {
			TextInput text = items.get(i).text();
			if (text != null && text.charLength() > this.maxInputChars) {
				throw new RequestTooLargeException(RequestTooLargeException.Kind.INPUT_TOO_LONG, "Item " + i + " has "
						+ text.charLength() + " characters of text; at most " + this.maxInputChars + " are accepted");
			}
			if (text != null) {
				WellFormedText.require(text, "Item " + i);
				requireNoNul(text.text(), "Item " + i);
				requireNoNul(text.pair(), "Item " + i + "'s pair");
			}
		}
	}

	/**
	 * Refuses a text the registry's database cannot store: PostgreSQL's text holds no
	 * NUL.
	 */
	private static void requireNoNul(@Nullable String text, String name) {
		if (text != null && text.indexOf('\0') >= 0) {
			throw new InvalidInputException(name + " holds a NUL character (U+0000) at character " + text.indexOf('\0')
					+ ", which feedback cannot store");
		}
	}

	private FeedbackOutcome take(FeedbackItem item, String cascade, Instant now) {
		String label = item.label();
		if (label == null || label.isEmpty()) {
			return FeedbackOutcome.rejected("missing-label", "Give the true label", null);
		}
		String answerId = item.answerId();
		return (answerId != null) ? onAnswer(answerId, item.text(), label, now)
				: onText(item.text(), label, cascade, now);
	}

	private FeedbackOutcome onAnswer(String id, @Nullable TextInput text, String label, Instant now) {
		Optional<AnswerId> verified = this.answerIds.verify(id);
		if (verified.isEmpty()) {
			return FeedbackOutcome.rejected("invalid-answer-id",
					"The answer id is not one this service gave: send it exactly as it was returned", null);
		}
		AnswerId answer = verified.get();
		String cascade = answer.cascade();
		if (answer.answeredAt().isBefore(now.minus(this.properties.maxAge()))) {
			return FeedbackOutcome.rejected("expired-answer-id", "The answer is older than feedback is kept ("
					+ this.properties.maxAge().toDays() + " days): it can no longer be labelled", cascade);
		}
		List<Label> labels = labels(cascade, answer.version());
		if (labels.isEmpty() || answer.labelIndex() >= labels.size()) {
			return FeedbackOutcome.rejected("invalid-answer-id",
					"The answer id names a cascade version this registry does not have", cascade);
		}
		Optional<String> trueLabel = identify(labels, label);
		if (trueLabel.isEmpty()) {
			return FeedbackOutcome.rejected("unknown-label", unknownLabel(label, cascade, answer.version(), labels),
					cascade);
		}
		String textSha256 = answer.textSha256();
		if (text != null && !FeedbackEntry.textSha256(text).equals(textSha256)) {
			return FeedbackOutcome.rejected("text-mismatch",
					"The text is not the input this answer was for: send the input exactly as classified, or no text",
					cascade);
		}
		FeedbackEntry entry = new FeedbackEntry(
				cascade, Sha256.ofUtf8(id), new FeedbackEntry.Answer(answer.version(), answer.tier(),
						labels.get(answer.labelIndex()).id(), answer.answeredAt()),
				trueLabel.get(), textSha256, text, now);
		return stored(entry, answer.version(), answer.tier());
	}

	private FeedbackOutcome onText(@Nullable TextInput text, String label, String cascade, Instant now) {
		if (text == null) {
			return FeedbackOutcome.rejected("missing-text", "Give the answer id, the text, or both", cascade);
		}
		Optional<CascadeVersion> active = this.registry.getActive(cascade).map((a) -> a.version());
		if (active.isEmpty()) {
			return FeedbackOutcome.rejected("unknown-cascade",
					"No cascade '" + cascade + "' is active: name one in the request's 'cascade'", cascade);
		}
		List<Label> labels = active.get().labels();
		Optional<String> trueLabel = identify(labels, label);
		if (trueLabel.isEmpty()) {
			return FeedbackOutcome.rejected("unknown-label",
					unknownLabel(label, cascade, active.get().version(), labels), cascade);
		}
		String textSha256 = FeedbackEntry.textSha256(text);
		return stored(new FeedbackEntry(cascade, FeedbackEntry.textKey(textSha256), null, trueLabel.get(), textSha256,
				text, now), null, null);
	}

	private FeedbackOutcome stored(FeedbackEntry entry, @Nullable Integer version, @Nullable Integer tier) {
		Optional<String> earlier = this.store.record(entry);
		if (earlier.isEmpty()) {
			return new FeedbackOutcome(FeedbackOutcome.Status.ACCEPTED, null, "Stored", entry.cascade(), version, tier,
					entry.correct());
		}
		if (earlier.get().equals(entry.trueLabel())) {
			return new FeedbackOutcome(FeedbackOutcome.Status.DUPLICATE, null,
					"Stored earlier with the same label; counted once", entry.cascade(), version, tier,
					entry.correct());
		}
		return new FeedbackOutcome(FeedbackOutcome.Status.REJECTED, "conflicting-label",
				"Labelled '" + earlier.get() + "' earlier; the first label stands", entry.cascade(), version, tier,
				null);
	}

	/**
	 * Finds the label a client named, by its identifier, else by its display name (which
	 * the registry keeps from being another label's identifier).
	 * @param labels the version's labels
	 * @param given what the client sent
	 * @return the label's identifier, which is what is stored, or empty if none matches
	 */
	private static Optional<String> identify(List<Label> labels, String given) {
		return labels.stream()
			.filter((label) -> label.id().equals(given))
			.findFirst()
			.or(() -> labels.stream().filter((label) -> given.equals(label.displayName())).findFirst())
			.map(Label::id);
	}

	private List<Label> labels(String cascade, int version) {
		String key = cascade + '\u0000' + version;
		List<Label> cached = this.labelsByVersion.get(key);
		if (cached != null) {
			return cached;
		}
		List<Label> labels = this.registry.findCascadeVersion(cascade, version)
			.map(CascadeVersion::labels)
			.orElse(List.of());
		if (!labels.isEmpty()) {
			this.labelsByVersion.put(key, labels);
		}
		return labels;
	}

	private static String unknownLabel(String label, String cascade, int version, List<Label> labels) {
		String shown = UnicodeText.abbreviate(label, 64);
		return "'" + shown + "' is not a label of " + cascade + " version " + version + "; its labels are " + labels;
	}

	private void count(FeedbackOutcome outcome) {
		this.counters
			.computeIfAbsent(outcome.status(),
					(status) -> Counter.builder("tango.feedback.items")
						.description("Feedback items taken, by outcome")
						.tag("outcome", status.name().toLowerCase(Locale.ROOT))
						.register(this.meters))
			.increment();
	}

}
