/**
 * HuggingFace sequence classifiers exported to ONNX ({@code model.onnx},
 * {@code tokenizer.json}, {@code config.json}) as tiers.
 */
@NullMarked
package dev.tango.runtime.classifier;

import org.jspecify.annotations.NullMarked;
