package dev.tango.admin.bulk;

import java.util.List;

import dev.tango.runtime.data.DatasetFormat;

/**
 * The result of a bulk classification job.
 *
 * @param cascade the cascade's name
 * @param version the cascade version that classified the rows
 * @param input the file or data set classified
 * @param inputSha256 its digest
 * @param rows the rows classified, all of the input's
 * @param resumedFrom the rows an earlier attempt had done, which this one skipped
 * @param answeredByTier how many rows each tier answered, cheapest first
 * @param outputFormat the results' format
 * @param outputBytes the results' size
 * @param download where to download the results
 * @param seconds the time this attempt took
 * @param rowsPerSecond the rate of this attempt
 */
public record BulkClassifyReport(String cascade, int version, String input, String inputSha256, long rows,
		long resumedFrom, List<Long> answeredByTier, DatasetFormat outputFormat, long outputBytes, String download,
		double seconds, double rowsPerSecond) {

}
