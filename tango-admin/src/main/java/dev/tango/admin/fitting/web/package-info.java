/**
 * Submission of fit-head jobs.
 */
@NullMarked
package dev.tango.admin.fitting.web;

import org.jspecify.annotations.NullMarked;
