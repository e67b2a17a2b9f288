package dev.tango.admin.dataset.web;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import dev.tango.admin.dataset.DatasetProperties;

/**
 * Bounds multipart uploads by the data set limit: a file may be as large as
 * {@code tango.admin.datasets.max-size}, the whole request a megabyte more for the form's
 * other fields.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

	@Bean
	MultipartConfigElement multipartConfigElement(DatasetProperties properties) {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(properties.maxSize());
		factory.setMaxRequestSize(DataSize.ofBytes(properties.maxSize().toBytes() + DataSize.ofMegabytes(1).toBytes()));
		return factory.createMultipartConfig();
	}

}
