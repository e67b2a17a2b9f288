/**
 * The live-accuracy REST endpoint.
 */
@NullMarked
package dev.tango.admin.feedback.web;

import org.jspecify.annotations.NullMarked;
