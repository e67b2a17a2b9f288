/**
 * Test support: HTTP clients and fixtures shared by the admin service's tests.
 */
@NullMarked
package dev.tango.admin.testing;

import org.jspecify.annotations.NullMarked;
