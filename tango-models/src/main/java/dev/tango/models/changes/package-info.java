/**
 * Change notification: tells serving instances within a second that the active version of
 * a cascade changed, through PostgreSQL LISTEN/NOTIFY with polling as the fallback.
 */
@NullMarked
package dev.tango.models.changes;

import org.jspecify.annotations.NullMarked;
