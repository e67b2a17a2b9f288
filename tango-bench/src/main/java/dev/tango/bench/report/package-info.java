/**
 * Markdown tables and number formats for reports.
 */
@NullMarked
package dev.tango.bench.report;

import org.jspecify.annotations.NullMarked;
