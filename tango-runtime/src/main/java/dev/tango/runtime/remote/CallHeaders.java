package dev.tango.runtime.remote;

import java.util.function.BiConsumer;

/**
 * Headers that a remote tier adds to each call it makes, chosen on the thread that makes
 * the call: for example the W3C trace context ({@code traceparent}) of the tier call in
 * progress, so that the remote server continues the trace. Implementations must be
 * thread-safe and fast.
 */
@FunctionalInterface
public interface CallHeaders {

	/** Adds no header. */
	CallHeaders NONE = (header) -> {
	};

	/**
	 * Adds the headers of the call about to be made on the calling thread.
	 * @param header takes a header's name and value; may be called any number of times
	 */
	void addTo(BiConsumer<String, String> header);

}
