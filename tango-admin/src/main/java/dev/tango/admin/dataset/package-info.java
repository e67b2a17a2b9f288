/**
 * Labelled data sets: uploads of TSV, CSV or JSONL files, checked line by line (labels by
 * the registry's rules too) and stored whole or not at all, with their sha256, label set
 * and rows; jobs read them back, and a data set that a queued or running job reads is not
 * deleted ({@link dev.tango.admin.dataset.DatasetReaders}, a port the job queue
 * implements).
 */
@NullMarked
package dev.tango.admin.dataset;

import org.jspecify.annotations.NullMarked;
