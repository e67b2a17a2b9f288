/**
 * End-to-end tests: the service on a random port, real HTTP, real PostgreSQL, and a
 * cascade of the bundled encoders with heads fitted on SST-2.
 */
@NullMarked
package dev.tango.api.it;

import org.jspecify.annotations.NullMarked;
