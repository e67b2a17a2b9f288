package dev.tango.core.confidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The registered {@link ConfidenceMeasure confidence measures}, found by name: the three
 * built-ins, then every measure listed in
 * {@code META-INF/services/dev.tango.core.confidence.ConfidenceMeasure} on the class
 * path, loaded once, on first use, through {@link ServiceLoader} (as DJL finds its
 * engines). Thread-safe.
 */
public final class ConfidenceMeasures {

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

	private ConfidenceMeasures() {
	}

	/**
	 * Returns the measure with a name, written as registered ({@code MAX_PROBABILITY}) or
	 * as in descriptors ({@code max-probability}): case is ignored and hyphens read as
	 * underscores.
	 * @param name the name
	 * @return the measure
	 * @throws IllegalArgumentException if no measure has that name; the message lists the
	 * known ones
	 */
	public static ConfidenceMeasure of(String name) {
		ConfidenceMeasure measure = Registered.BY_NAME.get(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		if (measure == null) {
			throw new IllegalArgumentException("Unknown confidence measure '" + name + "': known measures are "
					+ String.join(", ", Registered.BY_NAME.keySet().stream().map(ConfidenceMeasures::id).toList()));
		}
		return measure;
	}

	/**
	 * Returns every registered measure, the built-ins first.
	 * @return the measures, unmodifiable
	 */
	public static List<ConfidenceMeasure> all() {
		return List.copyOf(Registered.BY_NAME.values());
	}

	/**
	 * Returns the name of a measure as descriptors write it: lower case with hyphens,
	 * such as {@code max-probability}.
	 * @param measure the measure
	 * @return its descriptor name
	 */
	public static String id(ConfidenceMeasure measure) {
		return id(measure.name());
	}

	private static String id(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Checks the registered measures and indexes them by name. */
	static Map<String, ConfidenceMeasure> index(List<ConfidenceMeasure> measures) {
		Map<String, ConfidenceMeasure> byName = new LinkedHashMap<>();
		for (ConfidenceMeasure measure : measures) {
			String name = measure.name();
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalStateException("Confidence measure " + measure.getClass().getName() + " is named '"
						+ name + "': use upper-case letters, digits and underscores, starting with a letter");
			}
			ConfidenceMeasure earlier = byName.putIfAbsent(name, measure);
			if (earlier != null) {
				throw new IllegalStateException("Two confidence measures are named " + name + ": "
						+ earlier.getClass().getName() + " and " + measure.getClass().getName());
			}
		}
		return Collections.unmodifiableMap(byName);
	}

	/** Loaded on first use of {@link ConfidenceMeasures}' look-ups. */
	private static final class Registered {

		static final Map<String, ConfidenceMeasure> BY_NAME = index(load());

		private static List<ConfidenceMeasure> load() {
			List<ConfidenceMeasure> measures = new ArrayList<>(List.of(BuiltInMeasure.values()));
			try {
				ServiceLoader.load(ConfidenceMeasure.class, ConfidenceMeasure.class.getClassLoader())
					.forEach(measures::add);
			}
			catch (ServiceConfigurationError ex) {
				throw new IllegalStateException("A confidence measure could not be loaded: " + ex.getMessage(), ex);
			}
			return measures;
		}

	}

}
