package dev.tango.train.transformer;

/** bge-small-en-v1.5 (12 layers, CLS pooling) against ONNX Runtime. */
class BgeSmallParityIT extends EncoderParityContract {

	@Override
	TrainableEncoder trainable() {
		return TrainableEncoder.BGE_SMALL_EN_V15;
	}

	@Override
	int expectedLayers() {
		return 12;
	}

}
