/**
 * The Open Inference Protocol v2 (KServe, Triton) over REST, so that its clients can call
 * a cascade as a model: health, server and model metadata, model readiness and inference
 * on a {@code BYTES} input named {@code text}.
 */
@NullMarked
package dev.tango.api.oip;

import org.jspecify.annotations.NullMarked;
