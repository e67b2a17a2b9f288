/**
 * Test support shared with the modules above the runtime: ONNX models crafted byte by
 * byte, and running a check on several threads at once.
 */
@NullMarked
package dev.tango.runtime.testsupport;

import org.jspecify.annotations.NullMarked;
