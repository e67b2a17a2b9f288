/**
 * PostgreSQL for tests, shared with the modules above through this module's test jar: a
 * Testcontainers container where Docker runs, otherwise a schema of its own on the server
 * named by {@code TANGO_TEST_POSTGRES_URL}, dropped afterwards.
 */
@NullMarked
package dev.tango.models.testsupport;

import org.jspecify.annotations.NullMarked;
