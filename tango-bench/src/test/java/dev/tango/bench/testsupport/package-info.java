/**
 * Test support shared by the bench's tests: running its commands, in the test's JVM or in
 * a process of their own, and the labelled data they run on.
 */
@NullMarked
package dev.tango.bench.testsupport;

import org.jspecify.annotations.NullMarked;
