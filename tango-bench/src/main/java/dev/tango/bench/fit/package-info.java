/**
 * Commands that fit linear heads: on a bundled encoder's embeddings or on lexical
 * features.
 */
@NullMarked
package dev.tango.bench.fit;

import org.jspecify.annotations.NullMarked;
