/**
 * Reading and editing ONNX models at the protobuf level, without an ONNX library: a
 * model's graph nodes and initializers, trained weights written back into the same graph,
 * encoders truncated to their first layers, int8 dynamic quantisation, and compact deltas
 * of the initializers that training changed. Fields the code does not touch are copied
 * byte for byte.
 */
@NullMarked
package dev.tango.train.onnx;

import org.jspecify.annotations.NullMarked;
