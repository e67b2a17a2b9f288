/**
 * The REST resource of the drift watch.
 */
@NullMarked
package dev.tango.admin.drift.web;

import org.jspecify.annotations.NullMarked;
