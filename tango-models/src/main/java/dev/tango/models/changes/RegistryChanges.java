package dev.tango.models.changes;

import java.util.function.Consumer;

/**
 * Registration of listeners for changes of active cascade versions and of release plans.
 * Listeners hear of changes made after the application started, usually within a second;
 * they are called one at a time on a single background thread and should return quickly.
 */
public interface RegistryChanges {

	/**
	 * Registers a listener.
	 * @param listener called with every change; exceptions it throws are logged
	 * @return closing it removes the listener
	 */
	Subscription onActivation(Consumer<ActivationEvent> listener);

	/**
	 * Registers a listener for changes of release plans (a plan started, promoted or
	 * aborted) announced by the database. Only a registry that announces them
	 * (PostgreSQL, while its LISTEN connection is up) calls it; readers of the plans poll
	 * as well.
	 * @param listener called with the name of the cascade whose plan changed; exceptions
	 * it throws are logged
	 * @return closing it removes the listener
	 */
	Subscription onReleasePlanChange(Consumer<String> listener);

	/** A registered listener. */
	interface Subscription extends AutoCloseable {

		/** Removes the listener. */
		@Override
		void close();

	}

}
