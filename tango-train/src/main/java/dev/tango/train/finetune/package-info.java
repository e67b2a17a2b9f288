/**
 * Fine-tuning of a trainable encoder with a linear head on labelled texts or text pairs,
 * end to end on the PyTorch engine, and its export to what the runtime serves: the
 * encoder's ONNX graph with the trained initializers (float32 and int8), the trained head
 * as an {@code encoder-linear} head file, the tokenizer, one-tier cascade descriptors and
 * the run's provenance.
 */
@NullMarked
package dev.tango.train.finetune;

import org.jspecify.annotations.NullMarked;
