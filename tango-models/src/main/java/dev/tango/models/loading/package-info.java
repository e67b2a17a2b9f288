/**
 * Loading registered cascade versions into tiers that serve: artifacts resolved and
 * verified through the registry, tiers built by the inference runtime.
 */
@NullMarked
package dev.tango.models.loading;

import org.jspecify.annotations.NullMarked;
