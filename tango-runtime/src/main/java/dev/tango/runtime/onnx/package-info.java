/**
 * ONNX Runtime through DJL: session options, offline set-up, a thread-safe runner that
 * pools DJL predictors over one session, and the guards of the tiers built on it; the
 * check every model passes before a session is created for it (external data only from
 * declared, verified files of the model's own folder) and the reading of declared output
 * shapes, both from the model's protobuf without a session; and the trim that gives the C
 * heap's free memory back after native resources close.
 */
@NullMarked
package dev.tango.runtime.onnx;

import org.jspecify.annotations.NullMarked;
