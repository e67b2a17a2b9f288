/**
 * Confidence measures: how sure a tier is of its answer, computed from its logits.
 */
@NullMarked
package dev.tango.core.confidence;

import org.jspecify.annotations.NullMarked;
