/**
 * Confidence measures: how sure a tier is of its answer, computed from its logits. A
 * measure is a plug-in ({@link dev.tango.core.confidence.ConfidenceMeasure}, registered
 * through {@code META-INF/services});
 * {@link dev.tango.core.confidence.ConfidenceMeasures} finds measures by name.
 */
@NullMarked
package dev.tango.core.confidence;

import org.jspecify.annotations.NullMarked;
