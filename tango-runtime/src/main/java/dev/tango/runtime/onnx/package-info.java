/**
 * ONNX Runtime through DJL: session options, offline set-up, and a thread-safe runner
 * that pools DJL predictors over one session.
 */
@NullMarked
package dev.tango.runtime.onnx;

import org.jspecify.annotations.NullMarked;
