/**
 * A tier kind that main code does not know, installed through this module's test
 * resources only, so that tests show the registry storing, checking and serving a kind
 * without an enum of kinds.
 */
@NullMarked
package dev.tango.models.plugin;

import org.jspecify.annotations.NullMarked;
