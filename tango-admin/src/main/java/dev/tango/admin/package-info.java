/**
 * The registry administration service: the application, its database migrations and its
 * configuration. Features live in sub-packages: {@code registry}, {@code dataset},
 * {@code job}, {@code calibration}; {@code security} and {@code web} serve them all.
 */
@NullMarked
package dev.tango.admin;

import org.jspecify.annotations.NullMarked;
