/**
 * The jobs' REST API: submit, list, show, cancel and restart.
 */
@NullMarked
package dev.tango.admin.job.web;

import org.jspecify.annotations.NullMarked;
