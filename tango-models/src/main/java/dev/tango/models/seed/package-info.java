/**
 * Seeding: registers the cascade of a cascade descriptor in the runtime's
 * {@code tango-cascade} format (by default the bundled {@code sst2-sentiment} cascade) on
 * first start, idempotently.
 */
@NullMarked
package dev.tango.models.seed;

import org.jspecify.annotations.NullMarked;
