package dev.tango.core.plot;

import java.util.Locale;

/**
 * The SVG pieces every plot draws the same way: the document with its title, the plot
 * area's border, grid lines with their labels, curves and legend entries, and the
 * arithmetic of round axis ranges. Numbers are written with {@link Locale#ROOT}.
 */
final class Svg {

	private Svg() {
	}

	/**
	 * Starts a document: the root element, a white background and the title centred at
	 * the top.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @param title the title, escaped here
	 * @return the document so far, to be ended by {@link #end(StringBuilder)}
	 */
	static StringBuilder begin(int width, int height, String title) {
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				width, height, width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n", width / 2,
				escape(title)));
		return svg;
	}

	/**
	 * Ends a document.
	 * @param svg the document from {@link #begin(int, int, String)}
	 * @return its text
	 */
	static String end(StringBuilder svg) {
		svg.append("</svg>\n");
		return svg.toString();
	}

	/**
	 * Draws the border of the plot area.
	 */
	static void border(StringBuilder svg, int left, int top, int right, int bottom) {
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", left, top,
				right - left, bottom - top));
	}

	/**
	 * Draws a vertical grid line from {@code top} to {@code bottom} at {@code x},
	 * labelled below the plot area.
	 */
	static void verticalGridLine(StringBuilder svg, double x, int top, int bottom, String label) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
						+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
				x, top, x, bottom, x, bottom + 16, label));
	}

	/**
	 * Draws a horizontal grid line from {@code left} to {@code right} at {@code y},
	 * labelled left of the plot area with the label's extra attributes (such as
	 * {@code  fill="#1f77b4"}, or empty).
	 */
	static void horizontalGridLine(StringBuilder svg, double y, int left, int right, String label,
			String labelAttributes) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
						+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\"%s>%s</text>%n",
				left, y, right, y, left - 6, y + 4, labelAttributes, label));
	}

	/**
	 * Returns a point of a {@link #polyline(String, String, CharSequence) polyline}.
	 */
	static String point(double x, double y) {
		return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
	}

	/**
	 * Returns a curve through points made by {@link #point(double, double)}.
	 * @param id the element's id, unique in the document
	 * @param colour the stroke's colour
	 * @param points the points
	 */
	static String polyline(String id, String colour, CharSequence points) {
		return String.format(Locale.ROOT,
				"<polyline id=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", id, colour,
				points.toString().trim());
	}

	/**
	 * Draws a legend entry: a short line of the curve's colour at {@code (x, y)} and the
	 * text, escaped here, to its right.
	 */
	static void legendEntry(StringBuilder svg, int x, int y, String colour, String text) {
		svg.append(
				String.format(Locale.ROOT,
						"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
								+ "<text x=\"%d\" y=\"%d\">%s</text>%n",
						x, y, x + 24, y, colour, x + 30, y + 4, escape(text)));
	}

	/**
	 * Returns a range that holds {@code [min, max]} with round ends, and a round step of
	 * about five ticks: {@code {low, high, step}}.
	 */
	static double[] niceRange(double min, double max) {
		double span = Math.max(max - min, 1e-9);
		double raw = span / 5;
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		double step = magnitude;
		for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
			step = factor * magnitude;
			if (step >= raw) {
				break;
			}
		}
		double low = Math.floor(min / step) * step;
		double high = Math.ceil(max / step) * step;
		if (high - low < step) {
			high = low + step;
		}
		return new double[] { low, high, step };
	}

	/**
	 * Writes a number with at most two decimals and no trailing zeros.
	 */
	static String trim(double value) {
		String text = String.format(Locale.ROOT, "%.2f", value);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * Escapes text for an element's content.
	 */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * Maps data values linearly to pixels: {@code min} to {@code from}, {@code max} to
	 * {@code to} ({@code to} below {@code from} for a vertical axis, whose pixels grow
	 * downwards).
	 *
	 * @param min the smallest value of the axis
	 * @param max the largest value of the axis, above {@code min}
	 * @param from the pixel of {@code min}
	 * @param to the pixel of {@code max}
	 */
	record Scale(double min, double max, int from, int to) {

		double at(double value) {
			return this.from + (value - this.min) / (this.max - this.min) * (this.to - this.from);
		}

	}

	/**
	 * A document's size and the margins around its plot area, in pixels.
	 *
	 * @param width the document's width
	 * @param height the document's height
	 * @param left the margin left of the plot area
	 * @param right the margin right of it
	 * @param top the margin above it
	 * @param bottom the margin below it
	 */
	record Area(int width, int height, int left, int right, int top, int bottom) {

		/** The right edge of the plot area. */
		int plotRight() {
			return this.width - this.right;
		}

		/** The bottom edge of the plot area. */
		int plotBottom() {
			return this.height - this.bottom;
		}

	}

}
