package dev.tango.bench.soak;

/**
 * One sample of the service process and of the load since the previous sample.
 *
 * @param seconds seconds since the load started
 * @param heapBytes heap in use right after a full collection: the live heap
 * @param residentBytes the process's resident memory ({@code VmRSS})
 * @param nativeBytes resident memory beyond the JVM's committed heap and non-heap pools:
 * ONNX Runtime, the tokenizers, thread stacks and other native allocations
 * @param openFiles the process's open descriptors that are not sockets: files, pipes and
 * other handles, which stay put under a steady load unless something leaks them
 * @param answered requests answered with 200 since the previous sample
 * @param failed requests failed or refused since the previous sample
 * @param p99Millis the 99th percentile latency of the answered requests, in milliseconds
 * @param servedVersion the cascade version of the latest answer
 * @param sockets the process's open sockets, which follow the connections the load keeps
 * open and are reported, not judged
 */
record Sample(double seconds, long heapBytes, long residentBytes, long nativeBytes, int openFiles, long answered,
		long failed, double p99Millis, int servedVersion, int sockets) {

	/** The CSV header, matching {@link #csv()}. */
	static final String HEADER = "seconds,heap_bytes,resident_bytes,native_bytes,open_files,answered,failed,p99_ms,"
			+ "served_version,sockets";

	/**
	 * Returns the sample as a CSV row.
	 * @return the values in {@link #HEADER}'s order
	 */
	String csv() {
		return String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%.1f,%d,%d", this.seconds, this.heapBytes,
				this.residentBytes, this.nativeBytes, this.openFiles, this.answered, this.failed, this.p99Millis,
				this.servedVersion, this.sockets);
	}

}
