package dev.tango.bench.load;

/**
 * The offline engine's throughput on the same texts, in one process at one batch size:
 * the cascade, and each tier alone, with the share of inputs that reached the second
 * tier.
 *
 * @param cascadePerSecond inputs per second through the cascade (best of the repeats)
 * @param firstPerSecond inputs per second through the first tier alone
 * @param lastPerSecond inputs per second through the last tier alone
 * @param escalation share of inputs that went past the first tier
 * @param cascadeCpuNanosPerInput CPU time per input through the cascade (least of the
 * repeats), all threads of the process together
 */
public record OfflineReference(double cascadePerSecond, double firstPerSecond, double lastPerSecond, double escalation,
		double cascadeCpuNanosPerInput) {

	/**
	 * Returns the ideal speedup of the cascade over its last tier alone,
	 * {@code c2 / (c1 +
	 * e·c2)} with the per-input costs {@code c1}, {@code c2} and the escalation
	 * {@code e}.
	 * @return the bound
	 */
	public double idealSpeedup() {
		double c1 = 1 / this.firstPerSecond;
		double c2 = 1 / this.lastPerSecond;
		return c2 / (c1 + this.escalation * c2);
	}

}
