package dev.tango.core.batching;

import org.jspecify.annotations.Nullable;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;

/**
 * One input of a request waiting in a stage's queue.
 *
 * @param request the request
 * @param position the input's index in the request
 * @param enqueuedNanos when it entered the queue, in {@link System#nanoTime()} units
 * @param previous the unsure prediction of the stage that escalated it, or {@code null}
 * at the first stage: the answer if this stage's tier is unavailable and falls back
 */
record Item(Request request, int position, long enqueuedNanos, @Nullable Prediction previous) {

	TextInput input() {
		return this.request.input(this.position);
	}

}
