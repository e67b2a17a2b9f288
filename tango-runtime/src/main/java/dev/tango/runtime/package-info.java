/**
 * The inference runtime: {@link dev.tango.core.tier.Tier} implementations on DJL with the
 * ONNX Runtime engine and HuggingFace tokenizers (sentence encoders with linear heads,
 * exported sequence classifiers), a lexical tier, fitting of linear heads, head files and
 * cascade descriptors. Plain Java: no Spring.
 */
@NullMarked
package dev.tango.runtime;

import org.jspecify.annotations.NullMarked;
