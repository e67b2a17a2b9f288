package dev.tango.admin.bulk;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where bulk classification jobs read and write.
 *
 * @param inputDirectory the folder whose files (and files of its subfolders) a job may
 * classify by path; unset, jobs classify stored data sets only
 * @param outputDirectory where each job writes its results and checkpoint, a folder per
 * job ({@code job-{id}})
 * @param chunkSize rows per chunk and checkpoint
 */
@Validated
@ConfigurationProperties("tango.admin.bulk")
public record BulkProperties(@Nullable Path inputDirectory, @DefaultValue("data/bulk") Path outputDirectory,
		@DefaultValue("1024") @Min(1) @Max(1_000_000) int chunkSize) {

}
