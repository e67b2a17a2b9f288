/**
 * {@code triton-repository}: writes a Triton Inference Server model repository for an
 * ONNX classifier tier of a cascade descriptor, so that the tier can be served by Triton
 * and reached as a {@code remote-oip} tier.
 */
@NullMarked
package dev.tango.bench.triton;

import org.jspecify.annotations.NullMarked;
