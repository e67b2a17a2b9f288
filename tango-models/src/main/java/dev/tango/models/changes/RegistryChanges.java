package dev.tango.models.changes;

import java.util.function.Consumer;

/**
 * Registration of listeners for changes of active cascade versions. Listeners hear of
 * changes made after the application started, usually within a second; they are called
 * one at a time on a single background thread and should return quickly.
 */
public interface RegistryChanges {

	/**
	 * Registers a listener.
	 * @param listener called with every change; exceptions it throws are logged
	 * @return closing it removes the listener
	 */
	Subscription onActivation(Consumer<ActivationEvent> listener);

	/** A registered listener. */
	interface Subscription extends AutoCloseable {

		/** Removes the listener. */
		@Override
		void close();

	}

}
