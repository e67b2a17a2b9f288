/**
 * The cascade: an ordered list of tiers through which each input travels until a tier is
 * confident enough to answer.
 */
@NullMarked
package dev.tango.core.cascade;

import org.jspecify.annotations.NullMarked;
