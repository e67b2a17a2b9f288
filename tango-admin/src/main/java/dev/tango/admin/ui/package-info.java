/**
 * The administration pages: cascades and their versions with activation and rollback,
 * calibration curves, and jobs with live progress. Rendered on the server; the pages call
 * the REST API for every change.
 */
@NullMarked
package dev.tango.admin.ui;

import org.jspecify.annotations.NullMarked;
