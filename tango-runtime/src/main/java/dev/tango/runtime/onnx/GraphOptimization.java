package dev.tango.runtime.onnx;

import java.util.Locale;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * ONNX Runtime graph optimisation levels, applied when a session is created.
 */
public enum GraphOptimization {

	/** No graph optimisation. */
	NONE(OptLevel.NO_OPT),

	/** Semantics-preserving node fusions and constant folding. */
	BASIC(OptLevel.BASIC_OPT),

	/** Basic plus complex fusions (attention, GELU, layer normalisation). */
	EXTENDED(OptLevel.EXTENDED_OPT),

	/** Extended plus layout optimisations. */
	ALL(OptLevel.ALL_OPT);

	private final OptLevel level;

	GraphOptimization(OptLevel level) {
		this.level = level;
	}

	OptLevel level() {
		return this.level;
	}

	/**
	 * Returns the level named, case-insensitively, as in {@code "extended"}.
	 * @param name the name
	 * @return the level
	 * @throws IllegalArgumentException if no level has that name
	 */
	public static GraphOptimization of(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown graph optimisation '" + name + "': use none, basic, extended or all", ex);
		}
	}

	/**
	 * Returns the lower-case name used in descriptors.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
