/**
 * Tests of the registry as an application uses it, through auto-configuration, on
 * PostgreSQL and on the embedded database.
 */
@NullMarked
package dev.tango.models.it;

import org.jspecify.annotations.NullMarked;
