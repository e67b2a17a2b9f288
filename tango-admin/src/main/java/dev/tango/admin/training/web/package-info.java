/**
 * Submission of training jobs.
 */
@NullMarked
package dev.tango.admin.training.web;

import org.jspecify.annotations.NullMarked;
