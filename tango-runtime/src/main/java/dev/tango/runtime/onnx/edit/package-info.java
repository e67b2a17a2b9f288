/**
 * ONNX models read and edited at the protobuf level, without an ONNX library: a model as
 * its encoded fields, whose untouched fields are copied byte for byte, and the deltas of
 * initializers that ship a trained encoder as a small file applied to its base model.
 */
@NullMarked
package dev.tango.runtime.onnx.edit;

import org.jspecify.annotations.NullMarked;
