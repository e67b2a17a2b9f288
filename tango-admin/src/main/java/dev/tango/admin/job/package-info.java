/**
 * Jobs in the database: a queue that any admin instance may work from, where a job is
 * claimed by one instance only ({@code SELECT … FOR UPDATE SKIP LOCKED}), keeps a
 * heartbeat, reports monotone progress, can be cancelled, and is failed (and can be
 * restarted) when its instance stops beating. The kinds of job plug in as
 * {@link dev.tango.admin.job.JobHandler handlers}, each saying which data sets its jobs
 * read ({@link dev.tango.admin.job.JobDatasets}).
 */
@NullMarked
package dev.tango.admin.job;

import org.jspecify.annotations.NullMarked;
