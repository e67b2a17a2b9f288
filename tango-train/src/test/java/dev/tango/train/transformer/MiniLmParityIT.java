package dev.tango.train.transformer;

/** all-MiniLM-L6-v2 fp32 (6 layers, mean pooling) against ONNX Runtime. */
class MiniLmParityIT extends EncoderParityContract {

	@Override
	TrainableEncoder trainable() {
		return TrainableEncoder.ALL_MINILM_L6_V2;
	}

	@Override
	int expectedLayers() {
		return 6;
	}

}
