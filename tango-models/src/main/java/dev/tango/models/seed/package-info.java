/**
 * Seeding: registers the cascade described by a JSON descriptor (by default the bundled
 * {@code sst2-sentiment} cascade) on first start, idempotently.
 */
@NullMarked
package dev.tango.models.seed;

import org.jspecify.annotations.NullMarked;
