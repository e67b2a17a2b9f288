/**
 * Feedback: clients send the true labels of answers (by answer id, or by text alone);
 * they are checked, stored in the registry within a retention, and turned into live
 * accuracy per cascade version and answering tier.
 */
@NullMarked
package dev.tango.api.feedback;

import org.jspecify.annotations.NullMarked;
