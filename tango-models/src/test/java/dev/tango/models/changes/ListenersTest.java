package dev.tango.models.changes;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listeners of one kind of change: a listener that throws does not keep the others
 * from hearing of it, and a closed subscription hears of nothing more.
 */
class ListenersTest {

	private final Listeners<String> listeners = new Listeners<>(LoggerFactory.getLogger(ListenersTest.class),
			"A test listener failed");

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		List<String> heard = new ArrayList<>();
		this.listeners.add((change) -> {
			throw new IllegalStateException("fails on purpose");
		});
		this.listeners.add(heard::add);

		this.listeners.publish("first");

		assertThat(heard).containsExactly("first");
	}

	@Test
	void aClosedSubscriptionHearsNothingMore() {
		List<String> heard = new ArrayList<>();
		RegistryChanges.Subscription subscription = this.listeners.add(heard::add);
		this.listeners.publish("before");

		subscription.close();
		this.listeners.publish("after");

		assertThat(heard).containsExactly("before");
	}

}
