package dev.tango.admin.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job's parameters or result as a two-column table people read instead of JSON: one row
 * per value, named by its path ({@code policy.maxDrop}, {@code tiers[1].threshold}). An
 * array of plain values is one row (its values joined by commas); an array of objects or
 * arrays gives rows per element. A null value (a parameter left to its default) has no
 * row. Rows past a limit are dropped and counted, so that a result holding thousands of
 * values stays a short table.
 *
 * @param rows the rows, in the JSON's order
 * @param omitted how many rows were dropped past the limit
 */
public record JsonTable(List<Row> rows, int omitted) {

	/** The most rows a table shows. */
	public static final int LIMIT = 200;

	public JsonTable {
		rows = List.copyOf(rows);
	}

	/**
	 * Makes the table of a JSON value.
	 * @param value the value, or {@code null} for an empty table
	 * @return the table; a plain value at the top is one row with an empty name
	 */
	public static JsonTable of(@Nullable JsonNode value) {
		List<Row> rows = new ArrayList<>();
		int[] omitted = { 0 };
		if (value != null && !value.isMissingNode()) {
			add(rows, omitted, "", value);
		}
		return new JsonTable(rows, omitted[0]);
	}

	/**
	 * Returns whether the table has no row.
	 * @return {@code true} if empty
	 */
	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	private static void add(List<Row> rows, int[] omitted, String path, JsonNode value) {
		if (value.isNull()) {
			return;
		}
		if (value.isObject()) {
			for (Map.Entry<String, JsonNode> field : value.properties()) {
				add(rows, omitted, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
			}
		}
		else if (value.isArray() && value.values().stream().anyMatch(JsonNode::isContainer)) {
			for (int index = 0; index < value.size(); index++) {
				add(rows, omitted, path + "[" + index + "]", value.get(index));
			}
		}
		else if (rows.size() >= LIMIT) {
			omitted[0]++;
		}
		else {
			rows.add(new Row(path, text(value)));
		}
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.values().forEach((item) -> items.add(text(item)));
			return String.join(", ", items);
		}
		return value.isNull() ? "null" : value.asString();
	}

	/**
	 * One value.
	 *
	 * @param name its path in the JSON
	 * @param value its text: a number or flag as JSON writes it, a string as it is, an
	 * array of plain values joined by commas
	 */
	public record Row(String name, String value) {

	}

}
