package dev.tango.models.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * The listeners of one kind of registry change. Listeners are added and removed from any
 * thread; {@link #publish} calls each of them in turn, and logs an exception that one
 * throws (at WARN, with the message given) without skipping the others.
 *
 * @param <T> what a change passes to its listeners
 */
final class Listeners<T> {

	private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

	private final Logger logger;

	private final String failureMessage;

	/**
	 * Creates an empty set of listeners.
	 * @param logger where listener failures are logged
	 * @param failureMessage the message a listener failure is logged with
	 */
	Listeners(Logger logger, String failureMessage) {
		this.logger = logger;
		this.failureMessage = failureMessage;
	}

	/**
	 * Adds a listener.
	 * @param listener called with each change published from now on
	 * @return the subscription whose closing removes the listener
	 */
	RegistryChanges.Subscription add(Consumer<T> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	/**
	 * Calls every listener with a change, on the calling thread, in the order they were
	 * added; one that throws is logged and the others are still called.
	 * @param change what the listeners are told
	 */
	void publish(T change) {
		for (Consumer<T> listener : this.listeners) {
			try {
				listener.accept(change);
			}
			catch (RuntimeException ex) {
				this.logger.warn(this.failureMessage, ex);
			}
		}
	}

}
