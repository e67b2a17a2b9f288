/**
 * The typed submission endpoints of the built-in job kinds ({@code /api/jobs/fit-head},
 * {@code /api/jobs/fine-tune}, {@code /api/jobs/distil}, {@code /api/jobs/evaluate},
 * {@code /api/jobs/calibrate}, {@code /api/jobs/bulk-classify}) and the download of a
 * bulk classification's results: one controller over the features' handlers, each
 * submission checked by its own handler.
 */
@NullMarked
package dev.tango.admin.web.jobs;

import org.jspecify.annotations.NullMarked;
