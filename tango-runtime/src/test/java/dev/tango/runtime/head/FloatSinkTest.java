package dev.tango.runtime.head;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FloatSink} gives exactly the values received, whatever count was expected.
 */
class FloatSinkTest {

	@Test
	void givesTheExpectedCountOfValues() {
		assertThat(filled(new FloatSink(1000), 1000)).hasSize(1000).startsWith(0, 1, 2).endsWith(999);
		assertThat(filled(new FloatSink(1 << 16), 1 << 16)).hasSize(1 << 16).endsWith((1 << 16) - 1);
	}

	@Test
	void givesMoreOrFewerValuesThanExpected() {
		assertThat(filled(new FloatSink(10), 25)).hasSize(25).endsWith(24);
		assertThat(filled(new FloatSink(1_000_000), 3)).containsExactly(0, 1, 2);
		assertThat(filled(new FloatSink(0), 100_000)).hasSize(100_000).endsWith(99_999);
		assertThat(filled(new FloatSink(5), 0)).isEmpty();
	}

	private static float[] filled(FloatSink sink, int count) {
		for (int i = 0; i < count; i++) {
			sink.add(i);
		}
		return sink.toArray();
	}

}
