package dev.tango.core.batching;

import dev.tango.core.tier.TextInput;

/**
 * One input of a request waiting in a stage's queue.
 *
 * @param request the request
 * @param position the input's index in the request
 * @param enqueuedNanos when it entered the queue, in {@link System#nanoTime()} units
 */
record Item(Request request, int position, long enqueuedNanos) {

	TextInput input() {
		return this.request.input(this.position);
	}

}
