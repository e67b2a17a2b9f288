package dev.tango.runtime.remote;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.text.TextTokenizer;

/**
 * The {@code remote-oip} tier kind: a model served by a remote Open Inference Protocol v2
 * server. The {@code model} artifact is the model's endpoint (checked by an
 * {@link EndpointPolicy}); a {@code tokenizer} artifact, if given, makes the tier send
 * token ids. The labels are the spec's, else its {@code labels} option's, else those the
 * server's model metadata lists in its {@code labels} parameter (as Tango's own OIP
 * endpoint does). With a tokenizer, the tier also sends {@code token_type_ids} when the
 * model's metadata lists that input (BERT-style classifiers exported with it, as Triton
 * describes them). Options: see {@link RemoteOptions}. Opens a {@link RemoteOipTier}.
 *
 * <p>
 * Found through {@code META-INF/services} with the no-argument constructor, it calls
 * public {@code https} endpoints only, trusts the JVM's default certificate authorities
 * and sends no secret; an application that lists internal hosts, has {@link TlsBundles}
 * or declares {@link RemoteSecrets} registers its own instance in place of that one
 * ({@link dev.tango.runtime.cascade.TierKinds#with}).
 */
public final class RemoteOipKind implements TierKind {

	private static final Logger logger = LoggerFactory.getLogger(RemoteOipKind.class);

	/** The kind's name. */
	public static final String NAME = "remote-oip";

	private final EndpointPolicy policy;

	private final RemoteSecrets secrets;

	private final CallHeaders headers;

	private final TlsBundles tls;

	/**
	 * Creates the kind for public endpoints, without secrets.
	 */
	public RemoteOipKind() {
		this(EndpointPolicy.PUBLIC_ONLY, RemoteSecrets.NONE);
	}

	/**
	 * Creates the kind whose calls carry no headers of their own.
	 * @param policy which endpoints tiers may call
	 * @param secrets the secrets tiers may send, each to the hosts it is declared for
	 */
	public RemoteOipKind(EndpointPolicy policy, RemoteSecrets secrets) {
		this(policy, secrets, CallHeaders.NONE);
	}

	/**
	 * Creates the kind.
	 * @param policy which endpoints tiers may call
	 * @param secrets the secrets tiers may send, each to the hosts it is declared for
	 * @param headers adds headers to each call the tiers make, such as the trace context
	 */
	public RemoteOipKind(EndpointPolicy policy, RemoteSecrets secrets, CallHeaders headers) {
		this(policy, secrets, headers, TlsBundles.NONE);
	}

	/**
	 * Creates the kind.
	 * @param policy which endpoints tiers may call
	 * @param secrets the secrets tiers may send, each to the hosts it is declared for
	 * @param headers adds headers to each call the tiers make, such as the trace context
	 * @param tls the TLS bundles that tiers name in their {@code tlsBundle} option
	 */
	public RemoteOipKind(EndpointPolicy policy, RemoteSecrets secrets, CallHeaders headers, TlsBundles tls) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.secrets = Objects.requireNonNull(secrets, "secrets");
		this.headers = Objects.requireNonNull(headers, "headers");
		this.tls = Objects.requireNonNull(tls, "tls");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("model", "tokenizer");
	}

	/**
	 * The endpoint is required; a tokenizer is optional.
	 */
	@Override
	public ArtifactNeed artifactNeed(String role) {
		return switch (role) {
			case "model" -> ArtifactNeed.REQUIRED;
			case "tokenizer" -> ArtifactNeed.OPTIONAL;
			default -> ArtifactNeed.ABSENT;
		};
	}

	/**
	 * The model is the remote server's endpoint, an address without a sha256; a tokenizer
	 * is content like any other.
	 */
	@Override
	public boolean checksummed(String role) {
		return !"model".equals(role);
	}

	/**
	 * Checks the endpoint by this kind's {@link EndpointPolicy}, as {@link #open} does.
	 */
	@Override
	public void checkAddress(String role, String address) {
		if (!"model".equals(role)) {
			TierKind.super.checkAddress(role, address);
		}
		try {
			this.policy.check(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Endpoint " + address + ": its host does not resolve", ex);
		}
	}

	@Override
	public Set<String> optionNames() {
		return RemoteOptions.NAMES;
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		TierArtifact model = spec.requireArtifact("model");
		if (model.sha256() != null) {
			throw new InvalidTierSpecException("model", "is the remote endpoint, which has no sha256");
		}
		RemoteOptions.of(spec);
	}

	/**
	 * {@inheritDoc}
	 * @return the endpoint, the labels the spec or its {@code labels} option gives (the
	 * server's metadata is read when the tier opens, not when it is registered), the
	 * {@code maxTokens} option as the input limit, the spec's options
	 * @throws IOException if neither the spec nor its options give the labels
	 */
	@Override
	public TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
		RemoteOptions options = RemoteOptions.of(spec);
		List<Label> labels = !spec.labels().isEmpty() ? spec.labels() : Label.of(options.labels());
		if (labels.isEmpty()) {
			throw new IOException("A " + NAME + " tier needs its labels (the descriptor's, or the labels option) to be "
					+ "registered: the server's metadata is read when the tier opens");
		}
		URI endpoint = URI.create(spec.requireArtifact("model").uri());
		return new TierRegistration(spec.nameOr(defaultName(endpoint)), spec.artifacts(), labels, options.maxTokens(),
				null, spec.options(), RemoteOipTier.DEFAULT_BATCH_SIZE, "Remote OIP v2 model " + endpoint);
	}

	/** The name of a tier whose spec names none: {@code remote+} and the model's path. */
	private static String defaultName(URI endpoint) {
		return "remote+" + endpoint.getPath().substring("/v2/models/".length()).replace('/', '+');
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		RemoteOptions options = RemoteOptions.of(spec);
		URI endpoint = this.policy.check(spec.requireArtifact("model").uri());
		String authValue = (options.authEnv() != null) ? this.secrets.value(options.authEnv(), endpoint) : null;
		String name = spec.nameOr(defaultName(endpoint));
		int batchSize = (spec.batchSize() != null) ? spec.batchSize() : RemoteOipTier.DEFAULT_BATCH_SIZE;
		SSLContext tlsContext = null;
		if (options.tlsBundle() != null) {
			if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
				throw new IllegalArgumentException("Endpoint " + endpoint + " uses plain http, so its tlsBundle '"
						+ options.tlsBundle() + "' would not be used: use https");
			}
			tlsContext = this.tls.context(options.tlsBundle());
		}
		OipClient client = new OipClient(endpoint, options, authValue, this.headers, tlsContext);
		TextTokenizer tokenizer = null;
		try {
			JsonNode metadata = null;
			List<String> labels;
			if (!spec.labels().isEmpty()) {
				labels = spec.labelIds();
			}
			else if (!options.labels().isEmpty()) {
				labels = options.labels();
			}
			else {
				metadata = client.metadata();
				labels = labels(metadata, endpoint);
			}
			boolean typeIds = false;
			TierArtifact tokenizerArtifact = spec.artifact("tokenizer");
			if (tokenizerArtifact != null) {
				tokenizer = TextTokenizer.load(source.file(tokenizerArtifact.uri(), tokenizerArtifact.sha256()),
						options.maxTokens());
				typeIds = readsTokenTypes(metadata, client, endpoint);
			}
			return new RemoteOipTier(name, labels, options, client, tokenizer, typeIds, batchSize);
		}
		catch (IOException | RuntimeException ex) {
			client.close();
			if (tokenizer != null) {
				tokenizer.close();
			}
			throw ex;
		}
	}

	/**
	 * Returns whether the model's metadata lists an input named
	 * {@value OipTensors#TOKEN_TYPE_IDS}, reading the metadata if it was not read yet. A
	 * server out of reach now does not stop the tier from opening: it is logged, and the
	 * tier sends no token types, as for a model that lists none.
	 */
	private static boolean readsTokenTypes(@Nullable JsonNode read, OipClient client, URI endpoint) {
		JsonNode metadata = read;
		if (metadata == null) {
			try {
				metadata = client.metadata();
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot read the metadata of {} to learn whether it reads {}; sending input ids and "
						+ "attention mask only: {}", endpoint, OipTensors.TOKEN_TYPE_IDS, ex.toString());
				return false;
			}
		}
		for (JsonNode input : metadata.path("inputs").values()) {
			if (OipTensors.TOKEN_TYPE_IDS.equals(input.path("name").asString(""))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the label identifiers a model's metadata lists in its {@code label_ids}
	 * parameter (which Tango publishes beside the display names), else in its
	 * {@code labels} parameter: a comma-separated string or an array of strings.
	 */
	private static List<String> labels(JsonNode metadata, URI endpoint) {
		JsonNode parameters = metadata.path("parameters");
		JsonNode value = parameters.has("label_ids") ? parameters.path("label_ids") : parameters.path("labels");
		List<String> labels = new ArrayList<>();
		if (value.isString()) {
			for (String label : value.stringValue().split(",", -1)) {
				labels.add(label.strip());
			}
		}
		else if (value.isArray()) {
			value.values().forEach((label) -> labels.add(label.asString("")));
		}
		if (labels.isEmpty() || labels.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("The metadata of " + endpoint
					+ " lists no labels (parameter 'labels'): give the tier's labels in its spec");
		}
		return labels;
	}

	@Override
	public int threadsPerCall(TierSpec spec) {
		return 1;
	}

}
