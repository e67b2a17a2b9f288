package dev.tango.core.confidence;

/**
 * The measures Tango ships, exposed as the constants of {@link ConfidenceMeasure}.
 */
enum BuiltInMeasure implements ConfidenceMeasure {

	MAX_PROBABILITY {

		@Override
		public double of(double[] probabilities) {
			double largest = 0;
			for (double p : probabilities) {
				largest = Math.max(largest, p);
			}
			return Math.min(1, largest);
		}

	},

	MARGIN {

		@Override
		public double of(double[] probabilities) {
			double largest = 0;
			double second = 0;
			for (double p : probabilities) {
				if (p > largest) {
					second = largest;
					largest = p;
				}
				else if (p > second) {
					second = p;
				}
			}
			return clamp(largest - second);
		}

	},

	ENTROPY {

		@Override
		public double of(double[] probabilities) {
			if (probabilities.length == 1) {
				return 1.0;
			}
			double entropy = 0;
			for (double p : probabilities) {
				if (p > 0) {
					entropy -= p * Math.log(p);
				}
			}
			return clamp(1 - entropy / Math.log(probabilities.length));
		}

	};

	private static double clamp(double confidence) {
		return Math.min(1, Math.max(0, confidence));
	}

}
