/**
 * The controller of the administration pages.
 */
@NullMarked
package dev.tango.admin.ui.web;

import org.jspecify.annotations.NullMarked;
