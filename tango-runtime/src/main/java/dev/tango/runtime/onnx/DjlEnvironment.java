package dev.tango.runtime.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * Keeps DJL off the network. Called by this module before it first touches DJL; call it
 * yourself before using DJL directly.
 *
 * <p>
 * Sets, unless already set, the system properties
 * <ul>
 * <li>{@code ai.djl.offline=true}: DJL never downloads (engines, native libraries, model
 * zoo artifacts), and the tokenizers library picks its CPU build, which its jar carries
 * for linux-x86_64, linux-aarch64, osx-aarch64 and win-x86_64, even on a host with
 * CUDA;</li>
 * <li>{@code OPT_OUT_TRACKING=true}: DJL does not query the EC2 metadata service or send
 * its usage ping.</li>
 * </ul>
 * The environment variables {@code DJL_OFFLINE} and {@code OPT_OUT_TRACKING} take
 * precedence over these properties in DJL; leave them unset or set them to {@code true}.
 * ONNX Runtime's own jar carries its native libraries and never downloads. DJL copies the
 * tokenizers native library from its jar into {@code ~/.djl.ai/tokenizers} (or
 * {@code $DJL_CACHE_DIR}, {@code $ENGINE_CACHE_DIR}) once.
 */
public final class DjlEnvironment {

	private static volatile boolean configured;

	private DjlEnvironment() {
	}

	/**
	 * Applies the offline settings once; cheap to call again.
	 */
	public static void ensureOffline() {
		if (configured) {
			return;
		}
		synchronized (DjlEnvironment.class) {
			if (System.getProperty("ai.djl.offline") == null) {
				System.setProperty("ai.djl.offline", "true");
			}
			if (System.getProperty("OPT_OUT_TRACKING") == null) {
				System.setProperty("OPT_OUT_TRACKING", "true");
			}
			configured = true;
		}
	}

	/**
	 * Returns ONNX Runtime's environment for code that runs ONNX Runtime directly. ONNX
	 * Runtime makes one environment per process, and DJL's engine makes it with a thread
	 * pool of its own; so that tiers opened later in the same process can still open, the
	 * engine makes it first. Use this instead of {@code OrtEnvironment.getEnvironment()}.
	 * @return the environment
	 */
	public static OrtEnvironment ortEnvironment() {
		ensureOffline();
		Engine.getEngine("OnnxRuntime");
		return OrtEnvironment.getEnvironment();
	}

}
