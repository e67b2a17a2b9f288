/**
 * REST endpoints of bulk classification: submitting a job and downloading its results.
 */
@NullMarked
package dev.tango.admin.bulk.web;

import org.jspecify.annotations.NullMarked;
