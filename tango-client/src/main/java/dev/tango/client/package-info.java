/**
 * A Java client of the Tango classification service: {@link dev.tango.client.TangoClient}
 * calls the native API, the Open Inference Protocol v2 and the health probes over
 * {@code java.net.http}, turns error answers into
 * {@link dev.tango.client.TangoApiException} and retries by a
 * {@link dev.tango.client.RetryPolicy} that honours {@code Retry-After}. Plain Java and
 * Jackson, no framework.
 */
@NullMarked
package dev.tango.client;

import org.jspecify.annotations.NullMarked;
