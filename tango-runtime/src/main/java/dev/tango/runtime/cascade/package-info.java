/**
 * Cascade descriptors: a JSON file naming tiers by kind and artifact URIs with their
 * routing settings, loaded into tiers.
 */
@NullMarked
package dev.tango.runtime.cascade;

import org.jspecify.annotations.NullMarked;
