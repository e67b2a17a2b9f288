/**
 * End-to-end tests: the packaged services in processes of their own on one PostgreSQL
 * registry, driven over HTTP and from a headless Chromium as an operator drives them.
 */
@NullMarked
package dev.tango.e2e;

import org.jspecify.annotations.NullMarked;
