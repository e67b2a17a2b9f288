/**
 * Labelled data files: the options that read them or their first rows, stratified, seeded
 * splits and writing TSV files.
 */
@NullMarked
package dev.tango.bench.data;

import org.jspecify.annotations.NullMarked;
