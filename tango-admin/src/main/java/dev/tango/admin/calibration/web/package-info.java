/**
 * Submission of calibrate jobs.
 */
@NullMarked
package dev.tango.admin.calibration.web;

import org.jspecify.annotations.NullMarked;
