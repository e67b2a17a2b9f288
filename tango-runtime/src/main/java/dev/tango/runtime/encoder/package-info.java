/**
 * Sentence encoders (the bundled catalogue, pooling, normalisation) and the tier that
 * puts a linear head on a frozen encoder.
 */
@NullMarked
package dev.tango.runtime.encoder;

import org.jspecify.annotations.NullMarked;
