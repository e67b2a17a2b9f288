/**
 * Health of the registry's database for Actuator: checked in the background so that a
 * health probe reads the last result at once and never waits on an unreachable database.
 */
@NullMarked
package dev.tango.models.health;

import org.jspecify.annotations.NullMarked;
