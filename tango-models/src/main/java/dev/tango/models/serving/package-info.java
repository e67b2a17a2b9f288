/**
 * Serving reports: how each running API instance serves each active cascade (the version
 * it serves, whether it fell back and why), written by the instances and read by the
 * admin.
 */
@NullMarked
package dev.tango.models.serving;

import org.jspecify.annotations.NullMarked;
