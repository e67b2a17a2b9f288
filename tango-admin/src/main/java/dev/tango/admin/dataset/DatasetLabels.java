package dev.tango.admin.dataset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.data.DatasetRow;

/**
 * The checks of an uploaded data set's labels, each refusal naming the first line that
 * carries the label at fault.
 */
final class DatasetLabels {

	private DatasetLabels() {
	}

	/**
	 * Checks that every label could name a class of a registered model, by the registry's
	 * rules for labels ({@link Label#textFault}), so that a model trained on the data set
	 * is not refused at its registration, at the end of the job. (Their length, NUL
	 * characters and lone surrogates are checked as the file is read.)
	 * @param parsed the data set
	 * @throws DatasetRejectedException naming the first line whose label breaks a rule
	 */
	static void requireRegistrable(ParsedDataset parsed) {
		Set<String> checked = new HashSet<>();
		for (DatasetRow row : parsed.rows()) {
			String label = row.label();
			if (checked.add(label)) {
				Label.textFault(label).ifPresent((fault) -> {
					throw refused(row, fault);
				});
			}
		}
	}

	/**
	 * Checks that every label is one of a cascade version's labels.
	 * @param parsed the data set
	 * @param version the cascade version
	 * @throws DatasetRejectedException naming the first line whose label the version does
	 * not know
	 */
	static void requireKnown(ParsedDataset parsed, CascadeVersion version) {
		List<String> known = Label.ids(version.labels());
		Set<String> allowed = new HashSet<>(known);
		for (DatasetRow row : parsed.rows()) {
			if (!allowed.contains(row.label())) {
				throw new DatasetRejectedException(row.line(), "the label '" + row.label()
						+ "' is not one of the labels of cascade '" + version.cascade() + "': " + known);
			}
		}
	}

	private static DatasetRejectedException refused(DatasetRow row, String fault) {
		return new DatasetRejectedException(row.line(), "the label '" + row.label() + "' " + fault
				+ "; no model could be registered with it: rename the label throughout the file");
	}

}
