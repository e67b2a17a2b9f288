/**
 * Reading labelled text data sets: the one reader of TSV, CSV (a header, RFC 4180
 * quoting) and JSON lines, all UTF-8, for uploads and files alike; and running tiers over
 * them.
 */
@NullMarked
package dev.tango.runtime.data;

import org.jspecify.annotations.NullMarked;
