/**
 * Test support shared with the modules above the runtime: ONNX models crafted byte by
 * byte.
 */
@NullMarked
package dev.tango.runtime.testsupport;

import org.jspecify.annotations.NullMarked;
