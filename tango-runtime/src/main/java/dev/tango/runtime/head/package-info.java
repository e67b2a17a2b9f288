/**
 * Linear heads and their JSON file format: labels, weights, bias, the encoder or lexical
 * features they were fitted for, and training provenance.
 */
@NullMarked
package dev.tango.runtime.head;

import org.jspecify.annotations.NullMarked;
