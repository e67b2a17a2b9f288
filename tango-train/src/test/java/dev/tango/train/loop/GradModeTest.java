package dev.tango.train.loop;

import java.util.concurrent.FutureTask;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grad mode scopes on the PyTorch engine, on a thread that loaded the engine and on one
 * that never used it.
 */
class GradModeTest {

	@BeforeAll
	static void loadEngine() {
		Engine.getEngine("PyTorch");
	}

	@Test
	void aThreadThatNeverUsedTheEngineStartsRecordingAndScopesPutBackWhatItHad() throws Exception {
		FutureTask<Boolean[]> task = new FutureTask<>(() -> {
			boolean initially = GradMode.isOn();
			boolean inOff;
			boolean inNestedOn;
			boolean afterNestedOn;
			try (GradMode off = GradMode.off()) {
				inOff = GradMode.isOn();
				try (GradMode on = GradMode.on()) {
					inNestedOn = GradMode.isOn();
				}
				afterNestedOn = GradMode.isOn();
			}
			return new Boolean[] { initially, inOff, inNestedOn, afterNestedOn, GradMode.isOn() };
		});
		Thread.ofPlatform().name("fresh").start(task).join();
		assertThat(task.get()).containsExactly(true, false, true, false, true);
	}

	@Test
	void aScopeSetsOnlyTheCurrentThread() throws Exception {
		boolean here = GradMode.isOn();
		try (GradMode on = GradMode.on()) {
			FutureTask<Boolean> elsewhere = new FutureTask<>(() -> {
				try (GradMode off = GradMode.off()) {
					return GradMode.isOn();
				}
			});
			Thread.ofPlatform().name("other").start(elsewhere).join();
			assertThat(elsewhere.get()).isFalse();
			assertThat(GradMode.isOn()).isTrue();
		}
		assertThat(GradMode.isOn()).isEqualTo(here);
	}

}
