/**
 * Feedback in the admin: the live accuracy of cascade versions from the true labels
 * clients sent to tango-api, and that feedback as a labelled data set to recalibrate on.
 */
@NullMarked
package dev.tango.admin.feedback;

import org.jspecify.annotations.NullMarked;
