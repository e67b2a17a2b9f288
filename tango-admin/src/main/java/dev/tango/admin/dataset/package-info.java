/**
 * Labelled data sets: uploads of TSV, CSV or JSONL files, checked line by line and stored
 * whole or not at all, with their sha256, label set and rows; jobs read them back.
 */
@NullMarked
package dev.tango.admin.dataset;

import org.jspecify.annotations.NullMarked;
