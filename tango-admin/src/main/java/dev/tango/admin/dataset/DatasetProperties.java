package dev.tango.admin.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of data set uploads.
 *
 * @param maxSize the largest file accepted; multipart uploads are also bounded by
 * {@code spring.servlet.multipart.max-file-size}, which defaults to this value
 */
@Validated
@ConfigurationProperties("tango.admin.datasets")
public record DatasetProperties(@DefaultValue("64MB") DataSize maxSize) {

}
