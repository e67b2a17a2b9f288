/**
 * Submission of evaluate jobs.
 */
@NullMarked
package dev.tango.admin.evaluation.web;

import org.jspecify.annotations.NullMarked;
