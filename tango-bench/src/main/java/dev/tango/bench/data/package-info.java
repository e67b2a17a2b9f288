/**
 * Labelled data files: stratified, seeded splits and writing TSV files.
 */
@NullMarked
package dev.tango.bench.data;

import org.jspecify.annotations.NullMarked;
