/**
 * The requests and answers of the Open Inference Protocol v2 over REST, as Tango serves
 * it: server and model metadata, readiness and inference on a {@code BYTES} input named
 * {@code text}.
 */
@NullMarked
package dev.tango.client.oip;

import org.jspecify.annotations.NullMarked;
