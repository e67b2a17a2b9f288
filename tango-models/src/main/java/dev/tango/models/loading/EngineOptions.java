package dev.tango.models.loading;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * The engine options of a registered model version that the runtime reads: the ONNX
 * Runtime settings, named as in the {@code onnxRuntime} object of a cascade descriptor.
 * Every option whose name the model's tier kind takes
 * ({@link dev.tango.runtime.cascade.TierKind#optionNames}) also goes to that kind, which
 * checks it; others are kept in the registry and ignored when loading, unless they are a
 * misspelling of a name that is read ({@link #checkSpelling}), which registration
 * refuses.
 */
public final class EngineOptions {

	/** Threads inside one operator, an integer of at least 1. */
	public static final String INTRA_OP_THREADS = "intraOpThreads";

	/** Threads across operators, an integer of at least 1. */
	public static final String INTER_OP_THREADS = "interOpThreads";

	/**
	 * Graph optimisation: {@code none}, {@code basic}, {@code extended} or {@code all}.
	 */
	public static final String OPTIMIZATION = "optimization";

	/** Whether the CPU memory arena is on: {@code true} or {@code false}. */
	public static final String MEMORY_ARENA = "memoryArena";

	/** Inferences that may run at once, an integer of at least 1. */
	public static final String CONCURRENCY = "concurrency";

	/**
	 * How a dynamically quantised model scales its activations: {@code per-batch} or
	 * {@code per-token}.
	 */
	public static final String ACTIVATION_QUANTIZATION = "activationQuantization";

	/** The option names above, in their order. */
	public static final List<String> NAMES = List.of(INTRA_OP_THREADS, INTER_OP_THREADS, OPTIMIZATION, MEMORY_ARENA,
			CONCURRENCY, ACTIVATION_QUANTIZATION);

	private EngineOptions() {
	}

	/**
	 * Refuses an option name that differs from a name that is read only in case or in the
	 * separators {@code _}, {@code -} and {@code .}, such as {@code intra_op_threads} for
	 * {@link #INTRA_OP_THREADS}: a misspelt setting would be kept in the registry and
	 * ignored when loading. Other names (a training run's provenance, say) are free.
	 * @param options the model version's options
	 * @param read the names that are read: these engine options, and the tier kind's own
	 * @throws IllegalArgumentException naming the option and the name it resembles
	 */
	public static void checkSpelling(Map<String, String> options, Collection<String> read) {
		for (String name : options.keySet()) {
			for (String known : read) {
				if (!name.equals(known) && folded(name).equals(folded(known))) {
					throw new IllegalArgumentException(
							"Option '" + name + "' is not read: the option of that name is '" + known + "'");
				}
			}
		}
	}

	private static String folded(String name) {
		return name.replaceAll("[_.-]", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the registry form of some ONNX Runtime settings.
	 * @param options the settings
	 * @param names the settings to include, among the option names above; others are
	 * ignored
	 * @return the options by name, in a stable order
	 */
	public static Map<String, String> of(OrtOptions options, Collection<String> names) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put(INTRA_OP_THREADS, Integer.toString(options.intraOpThreads()));
		all.put(INTER_OP_THREADS, Integer.toString(options.interOpThreads()));
		all.put(OPTIMIZATION, options.optimization().id());
		all.put(MEMORY_ARENA, Boolean.toString(options.memoryArena()));
		all.put(CONCURRENCY, Integer.toString(options.concurrency()));
		all.put(ACTIVATION_QUANTIZATION, options.activationQuantization().id());
		all.keySet().retainAll(names);
		return all;
	}

	/**
	 * Returns ONNX Runtime settings: the defaults, overridden by the options that a model
	 * version names.
	 * @param options the model version's options
	 * @param defaults the settings of options it does not name
	 * @return the settings
	 * @throws IllegalArgumentException if an option has an invalid value
	 */
	public static OrtOptions ortOptions(Map<String, String> options, OrtOptions defaults) {
		return new OrtOptions(positive(options, INTRA_OP_THREADS, defaults.intraOpThreads()),
				positive(options, INTER_OP_THREADS, defaults.interOpThreads()),
				options.containsKey(OPTIMIZATION) ? GraphOptimization.of(options.get(OPTIMIZATION))
						: defaults.optimization(),
				bool(options, MEMORY_ARENA, defaults.memoryArena()),
				positive(options, CONCURRENCY, defaults.concurrency()),
				options.containsKey(ACTIVATION_QUANTIZATION)
						? ActivationQuantization.of(options.get(ACTIVATION_QUANTIZATION))
						: defaults.activationQuantization());
	}

	private static int positive(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed >= 1) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException("Option " + name + " must be an integer of at least 1, was '" + value + "'");
	}

	private static boolean bool(Map<String, String> options, String name, boolean fallback) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default ->
				throw new IllegalArgumentException("Option " + name + " must be true or false, was '" + value + "'");
		};
	}

}
