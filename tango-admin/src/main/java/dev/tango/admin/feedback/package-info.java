/**
 * Feedback in the admin: the true labels clients sent to tango-api as a labelled data set
 * to recalibrate on (their live accuracy is served with a cascade's live numbers).
 */
@NullMarked
package dev.tango.admin.feedback;

import org.jspecify.annotations.NullMarked;
