/**
 * The serving engine: a dynamic batcher per tier that merges inputs of concurrent
 * requests into batches, grouped by length, and routes them through a cascade. Each stage
 * has a bounded queue and its own worker threads; requests are admitted only while the
 * first queue has room, and carry a deadline.
 */
@NullMarked
package dev.tango.core.batching;

import org.jspecify.annotations.NullMarked;
