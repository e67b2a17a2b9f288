/**
 * The controllers of the administration pages, and the REST resources of the live
 * numbers, live accuracy and drift those pages show.
 */
@NullMarked
package dev.tango.admin.ui.web;

import org.jspecify.annotations.NullMarked;
