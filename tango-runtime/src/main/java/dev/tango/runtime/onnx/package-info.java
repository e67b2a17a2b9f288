/**
 * ONNX Runtime through DJL: session options, offline set-up, a thread-safe runner that
 * pools DJL predictors over one session, and the guards of the tiers built on it.
 */
@NullMarked
package dev.tango.runtime.onnx;

import org.jspecify.annotations.NullMarked;
