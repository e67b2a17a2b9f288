/**
 * Benchmarking a cascade against its last tier alone and against a plain ONNX Runtime
 * loop: timing, ratios, accuracy and resident memory.
 */
@NullMarked
package dev.tango.bench.benchmark;

import org.jspecify.annotations.NullMarked;
