/**
 * Test support shared with the modules above the runtime: ONNX models crafted byte by
 * byte, running a check on several threads at once, and TLS certificates made by keytool.
 */
@NullMarked
package dev.tango.runtime.testsupport;

import org.jspecify.annotations.NullMarked;
