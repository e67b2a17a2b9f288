/**
 * Tests of loading registered cascade versions into tiers.
 */
@NullMarked
package dev.tango.models.loading;

import org.jspecify.annotations.NullMarked;
