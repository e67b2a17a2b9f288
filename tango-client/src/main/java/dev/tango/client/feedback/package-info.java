/**
 * The requests and answers of the feedback API, {@code POST /v1/feedback}: true labels of
 * answers, which give live accuracy, and of texts, which become labelled data.
 */
@NullMarked
package dev.tango.client.feedback;

import org.jspecify.annotations.NullMarked;
