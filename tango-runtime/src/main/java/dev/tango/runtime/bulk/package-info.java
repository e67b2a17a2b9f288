/**
 * Bulk classification: a whole file or stored data set through a cascade at offline
 * throughput, results streamed to a file in input order, with a checkpoint after every
 * chunk so that a stopped or crashed run resumes without redoing finished rows. One
 * engine ({@link dev.tango.runtime.bulk.BulkClassifier}) serves the command line and the
 * administration's jobs.
 */
@NullMarked
package dev.tango.runtime.bulk;

import org.jspecify.annotations.NullMarked;
