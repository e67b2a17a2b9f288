package dev.tango.runtime.onnx;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the C heap's free memory back to the operating system.
 *
 * <p>
 * ONNX Runtime sessions and the HuggingFace tokenizers allocate through the C library's
 * {@code malloc}. When they are closed, glibc keeps most of what they freed in its arenas
 * (one per allocating thread, up to eight per core) rather than returning it, so without
 * a trim every closed cascade version leaves its peak behind in the resident memory.
 * {@link #trim()} runs HotSpot's diagnostic command {@code System.trim_native_heap},
 * which calls glibc's {@code malloc_trim} over every arena.
 *
 * <p>
 * Thread-safe. A trim takes milliseconds and briefly locks each arena; call it after
 * closing native resources, not on a request path. On a JVM or C library without the
 * command it does nothing.
 */
public final class NativeHeap {

	private static final Logger logger = LoggerFactory.getLogger(NativeHeap.class);

	private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

	private static final String TRIM_OPERATION = "systemTrimNativeHeap";

	private NativeHeap() {
	}

	/**
	 * Returns the C heap's free pages to the operating system.
	 * @return the JVM's one-line account, such as
	 * {@code "Trim native heap: RSS+Swap: 1.1G->812M (-305M)"}, or a line saying that
	 * trimming is not available here
	 */
	public static String trim() {
		String result;
		try {
			Object answer = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName(DIAGNOSTIC_COMMAND), TRIM_OPERATION, new Object[] { new String[0] },
						new String[] { String[].class.getName() });
			result = String.valueOf(answer).strip();
		}
		catch (JMException | RuntimeException ex) {
			result = "Trimming the native heap is not available: " + ex;
		}
		logger.info("{}", result);
		return result;
	}

}
