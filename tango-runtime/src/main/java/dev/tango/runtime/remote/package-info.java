/**
 * The {@code remote-oip} tier kind: a tier whose model runs on another server that speaks
 * the Open Inference Protocol v2 over REST (Triton, KServe, MLServer or another Tango).
 * The cascade batches for it as for any tier and sends one {@code infer} request per
 * batch.
 *
 * <p>
 * The spec's {@code model} artifact is the model's endpoint,
 * {@code http(s)://host[:port]/v2/models/NAME[/versions/VERSION]}, without a sha256; an
 * optional {@code tokenizer} artifact lets the tier send token ids instead of text. Its
 * options ({@link dev.tango.runtime.remote.RemoteOptions}) map inputs and outputs and
 * bound the calls: every call is bounded by the batch's deadline, retried while time is
 * left, and refused at once while the tier's circuit breaker is open, so that a remote
 * server that is down fails requests fast with
 * {@link dev.tango.core.tier.TierUnavailableException}. Endpoints must be {@code https}
 * URIs of public addresses unless their host is on the operator's list of internal hosts
 * ({@link dev.tango.runtime.remote.EndpointPolicy}).
 */
@NullMarked
package dev.tango.runtime.remote;

import org.jspecify.annotations.NullMarked;
