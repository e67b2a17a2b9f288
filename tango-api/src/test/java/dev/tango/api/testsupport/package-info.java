/**
 * Test parts: a deterministic keyword tier, a loader and registry changes driven by the
 * test, and settings for unit tests.
 */
@NullMarked
package dev.tango.api.testsupport;

import org.jspecify.annotations.NullMarked;
