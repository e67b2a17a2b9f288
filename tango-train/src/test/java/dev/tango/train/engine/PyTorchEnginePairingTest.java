package dev.tango.train.engine;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the pairing of DJL's PyTorch engine (its newest release) with the newer DJL api
 * the rest of Tango uses: the engine loads offline from the Maven Central native library,
 * and a forward and backward pass computes the gradient PyTorch should.
 */
class PyTorchEnginePairingTest {

	@Test
	void pytorchEngineLoadsOfflineAndComputesGradientsUnderTheSharedApi() {
		Engine engine = Engine.getEngine("PyTorch");
		assertThat(engine.getVersion()).isEqualTo("2.7.1");
		try (NDManager manager = engine.newBaseManager()) {
			NDArray x = manager.create(new float[] { 1f, 2f, 3f });
			x.setRequiresGradient(true);
			try (GradientCollector collector = engine.newGradientCollector()) {
				NDArray y = x.mul(x).sum();
				collector.backward(y);
			}
			assertThat(x.getGradient().toFloatArray()).containsExactly(2f, 4f, 6f);
		}
	}

	@Test
	void aDjlBlockInitialisesAndRunsOnTheEngine() {
		try (Model model = Model.newInstance("pairing", "PyTorch")) {
			Linear linear = Linear.builder().setUnits(2).build();
			model.setBlock(linear);
			linear.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
			try (NDManager scope = model.getNDManager().newSubManager()) {
				NDList out = linear.forward(new ParameterStore(scope, false), new NDList(scope.ones(new Shape(1, 3))),
						false);
				assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(1, 2));
			}
			assertThat(linear.getParameters().values()).extracting(Parameter::isInitialized).containsOnly(true);
		}
	}

}
