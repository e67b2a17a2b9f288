/**
 * The tier port: a model that classifies a batch of inputs into per-label scores.
 */
@NullMarked
package dev.tango.core.tier;

import org.jspecify.annotations.NullMarked;
