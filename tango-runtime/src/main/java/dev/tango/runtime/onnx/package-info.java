/**
 * ONNX Runtime through DJL: session options, offline set-up, a thread-safe runner that
 * pools DJL predictors over one session, the guards of the tiers built on it, and the
 * trim that gives the C heap's free memory back after native resources close.
 */
@NullMarked
package dev.tango.runtime.onnx;

import org.jspecify.annotations.NullMarked;
