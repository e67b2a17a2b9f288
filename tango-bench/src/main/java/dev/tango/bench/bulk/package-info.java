/**
 * {@code classify-file}: a whole file through a cascade with the runtime's bulk engine,
 * resumable; and {@code bulk-benchmark}, which compares that engine's throughput with the
 * offline benchmark's loop on the same rows.
 */
@NullMarked
package dev.tango.bench.bulk;

import org.jspecify.annotations.NullMarked;
