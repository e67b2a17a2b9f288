/**
 * Feedback: the true labels clients send for Tango's answers, kept in the registry's
 * database within a retention, the live accuracy per cascade version and answering tier
 * computed from them, and the key that signs answer ids. Written by the API instances,
 * read by them (gauges) and by the admin (live accuracy, recalibration).
 */
@NullMarked
package dev.tango.models.feedback;

import org.jspecify.annotations.NullMarked;
