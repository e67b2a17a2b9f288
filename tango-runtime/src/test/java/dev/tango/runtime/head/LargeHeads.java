package dev.tango.runtime.head;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Large heads for tests of reading and writing, the same for the same arguments.
 */
final class LargeHeads {

	private LargeHeads() {
	}

	/**
	 * Returns an encoder head of random weights, as numbers in its file.
	 * @param classes the number of labels
	 * @param dimension the number of features, at most {@value HeadFiles#MAX_NUMERIC_ROW}
	 * @return the head
	 */
	static HeadFile encoderHead(int classes, int dimension) {
		SplittableRandom random = new SplittableRandom(11);
		float[][] weights = new float[classes][dimension];
		float[] bias = new float[classes];
		List<String> labels = new ArrayList<>(classes);
		for (int c = 0; c < classes; c++) {
			for (int d = 0; d < dimension; d++) {
				weights[c][d] = (float) (random.nextDouble(-1, 1) * 0.01);
			}
			bias[c] = (float) random.nextDouble(-1, 1);
			labels.add("label-" + c);
		}
		EncoderIdentity encoder = new EncoderIdentity("wide-encoder",
				"afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", Pooling.MEAN, true, 256, dimension);
		return new HeadFile(HeadKind.ENCODER_LINEAR, new LinearHead(labels, weights, bias), encoder, null, null);
	}

	/**
	 * Returns a lexical head of random weights, a quarter of them non-zero, as base64 in
	 * its file.
	 * @param classes the number of labels
	 * @param bucketBits {@code k} for {@code 2^k} features
	 * @return the head
	 */
	static HeadFile lexicalHead(int classes, int bucketBits) {
		SplittableRandom random = new SplittableRandom(12);
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(bucketBits);
		float[][] weights = new float[classes][spec.buckets()];
		float[] bias = new float[classes];
		List<String> labels = new ArrayList<>(classes);
		for (int c = 0; c < classes; c++) {
			for (int d = 0; d < weights[c].length; d++) {
				weights[c][d] = (random.nextInt(4) == 0) ? (float) random.nextDouble(-2, 2) : 0f;
			}
			bias[c] = (float) random.nextDouble(-1, 1);
			labels.add("label-" + c);
		}
		return new HeadFile(HeadKind.LEXICAL_LINEAR, new LinearHead(labels, weights, bias), null, spec, null);
	}

}
