package dev.tango.runtime.remote;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Activation;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierSpec;

/**
 * The options of a {@code remote-oip} tier spec, checked. All are optional.
 *
 * @param input the name of the input tensor: the texts ({@code BYTES}, default
 * {@code text}); with a tokenizer, the token ids ({@code INT64}, default
 * {@code input_ids}, sent with {@code attention_mask}, and with {@code token_type_ids}
 * when the model's metadata lists that input)
 * @param pairInput the name of the {@code BYTES} tensor of the second texts of pairs
 * (default {@code text_pair}); unused with a tokenizer, which encodes pairs itself
 * @param output the name of the output tensor, shape {@code [n, labels]} (default
 * {@code probabilities})
 * @param scores what the output holds: {@code probabilities} (the default) or
 * {@code logits}
 * @param activation how the scores become probabilities: {@code softmax} (the default) or
 * {@code sigmoid}
 * @param timeout the longest one HTTP attempt may take (option {@code timeoutMillis},
 * default 10 s), always cut to the batch's deadline
 * @param retries how many times a failed attempt (no connection, a timeout, a 5xx) is
 * retried while the deadline allows (default 1)
 * @param openFor how long the circuit breaker refuses calls once most recent calls failed
 * (option {@code breakerOpenMillis}, default 10 s)
 * @param authEnv the name of a secret ({@link RemoteSecrets}: one the operator declared
 * for the endpoint's host) whose value is sent in the {@code authHeader} header; the
 * secret itself is never in the spec
 * @param authHeader the header that carries the secret (default {@code Authorization})
 * @param maxTokens the longest input, in tokens, the remote model reads whole (default
 * 512); with a tokenizer, longer inputs are truncated to it and marked so
 * @param labels the labels in output order (option {@code labels}, comma-separated), for
 * specs that carry none themselves, such as descriptor files; empty when not given
 * @param fallBack whether inputs this tier cannot classify because its server is out of
 * reach are answered by the previous tier, marked as fallbacks (option {@code fallback}:
 * {@code previous-tier}), rather than fail (the default, {@code fail})
 * @param tlsBundle the name of the {@link TlsBundles TLS bundle} whose trust store and
 * client key the tier calls its {@code https} endpoint with (mutual TLS when the bundle
 * holds a key), or {@code null} for the JVM's default trust and no client certificate
 */
public record RemoteOptions(String input, String pairInput, String output, Scores scores, Activation activation,
		Duration timeout, int retries, Duration openFor, @Nullable String authEnv, String authHeader, int maxTokens,
		List<String> labels, boolean fallBack, @Nullable String tlsBundle) {

	/** The option names a spec may carry. */
	public static final Set<String> NAMES = Set.of("input", "pairInput", "output", "scores", "activation",
			"timeoutMillis", "retries", "breakerOpenMillis", "authEnv", "authHeader", "maxTokens", "labels", "fallback",
			"tlsBundle");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

	public RemoteOptions {
		labels = List.copyOf(labels);
	}

	/**
	 * Reads and checks the options of a spec.
	 * @param spec the spec
	 * @return the options
	 * @throws InvalidTierSpecException naming the option at fault
	 */
	public static RemoteOptions of(TierSpec spec) {
		Map<String, String> options = spec.options();
		boolean tokens = spec.artifact("tokenizer") != null;
		String authEnv = options.get("authEnv");
		if (authEnv != null && !ENV_NAME.matcher(authEnv).matches()) {
			throw new InvalidTierSpecException("authEnv",
					"must name an environment variable or secret (letters, digits, _ . -), never hold the secret");
		}
		String tlsBundle = options.get("tlsBundle");
		if (tlsBundle != null && !ENV_NAME.matcher(tlsBundle).matches()) {
			throw new InvalidTierSpecException("tlsBundle",
					"must name a TLS bundle (letters, digits, _ . -), was '" + tlsBundle + "'");
		}
		String authHeader = options.getOrDefault("authHeader", "Authorization");
		if (!TOKEN.matcher(authHeader).matches()) {
			throw new InvalidTierSpecException("authHeader", "is not a header name: '" + authHeader + "'");
		}
		return new RemoteOptions(options.getOrDefault("input", tokens ? "input_ids" : "text"),
				options.getOrDefault("pairInput", "text_pair"), options.getOrDefault("output", "probabilities"),
				choice(options, "scores", Scores.class, Scores.PROBABILITIES),
				choice(options, "activation", Activation.class, Activation.SOFTMAX),
				Duration.ofMillis(integer(spec, "timeoutMillis", 1, 10_000)), integer(spec, "retries", 0, 1),
				Duration.ofMillis(integer(spec, "breakerOpenMillis", 1, 10_000)), authEnv, authHeader,
				integer(spec, "maxTokens", 4, 512), labels(options.get("labels")),
				choice(options, "fallback", Fallback.class, Fallback.FAIL) == Fallback.PREVIOUS_TIER, tlsBundle);
	}

	private static List<String> labels(@Nullable String value) {
		if (value == null) {
			return List.of();
		}
		List<String> labels = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
		if (labels.contains("") || new HashSet<>(labels).size() != labels.size()) {
			throw new InvalidTierSpecException("labels",
					"must be distinct non-empty labels separated by commas, was '" + value + "'");
		}
		return labels;
	}

	private static int integer(TierSpec spec, String name, int min, int fallback) {
		Integer value = spec.intOption(name, min);
		return (value != null) ? value : fallback;
	}

	private static <E extends Enum<E>> E choice(Map<String, String> options, String name, Class<E> type, E fallback) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		for (E constant : type.getEnumConstants()) {
			if (id(constant).equalsIgnoreCase(value.trim())) {
				return constant;
			}
		}
		StringBuilder allowed = new StringBuilder();
		for (E constant : type.getEnumConstants()) {
			allowed.append((allowed.length() > 0) ? " or " : "").append(id(constant));
		}
		throw new InvalidTierSpecException(name, "must be " + allowed + ", was '" + value + "'");
	}

	private static String id(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** What the remote output holds. */
	public enum Scores {

		/** Probabilities, as after the activation. */
		PROBABILITIES,

		/** Logits, as before the activation. */
		LOGITS

	}

	/** What happens to inputs when the remote server is out of reach. */
	enum Fallback {

		/** Their requests fail. */
		FAIL,

		/** The previous tier's prediction answers them. */
		PREVIOUS_TIER

	}

}
