/**
 * Loading registered cascade versions into tiers of the inference runtime: every artifact
 * is resolved and verified through the registry's artifact store first, then one tier is
 * opened per model version.
 */
@NullMarked
package dev.tango.models.loading;

import org.jspecify.annotations.NullMarked;
