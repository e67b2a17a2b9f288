/**
 * A BERT-style transformer encoder and a sentence classifier on top of it, as DJL blocks
 * for the PyTorch engine, with weights read from the bundled encoders' ONNX graphs: the
 * model half of fine-tuning and distillation.
 * {@link dev.tango.train.transformer.BertEncoder} computes what the ONNX encoders compute
 * ({@code last_hidden_state}); {@link dev.tango.train.transformer.EncoderClassifier}
 * pools it and applies a linear head;
 * {@link dev.tango.train.transformer.OnnxEncoderWeights} maps every parameter to the ONNX
 * initializer it comes from and goes back to.
 */
@NullMarked
package dev.tango.train.transformer;

import org.jspecify.annotations.NullMarked;
