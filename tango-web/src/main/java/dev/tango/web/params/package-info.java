/**
 * Checks of a request's parameters that hold in every service.
 */
@NullMarked
package dev.tango.web.params;

import org.jspecify.annotations.NullMarked;
