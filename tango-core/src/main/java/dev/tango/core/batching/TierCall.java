package dev.tango.core.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * A tier call that a stage worker of a {@link BatchingCascade} is about to make, as
 * reported to {@link BatchingListener#tierCallStarting}.
 *
 * @param stage the zero-based stage index
 * @param tier the tier's name
 * @param size the number of inputs in the call, at least 1
 * @param requestContexts the contexts that {@link BatchingListener#captureContext()}
 * returned for the requests with inputs in the call, each once, in the order of their
 * first input in the call; requests without one are left out, so the list may be empty
 */
public record TierCall(int stage, String tier, int size, List<Object> requestContexts) {

	public TierCall {
		requestContexts = List.copyOf(requestContexts);
	}

	/**
	 * Returns the call of a batch: the contexts of the requests with inputs in it, each
	 * once, in the order of their first input.
	 */
	static TierCall of(int stage, String tier, List<Item> batch) {
		List<Object> contexts = new ArrayList<>(1);
		Request last = null;
		for (Item item : batch) {
			Request request = item.request();
			Object context = request.context();
			// Inputs of one request often sit side by side: no search for those.
			if (request != last && context != null && contexts.stream().noneMatch((seen) -> seen == context)) {
				contexts.add(context);
			}
			last = request;
		}
		return new TierCall(stage, tier, batch.size(), contexts);
	}

}
