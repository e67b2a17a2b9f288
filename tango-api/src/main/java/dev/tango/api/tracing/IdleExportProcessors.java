package dev.tango.api.tracing;

import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes the OpenTelemetry batch processors that would have nothing to export. Spring
 * Boot defines a {@link BatchSpanProcessor} and a {@link BatchLogRecordProcessor} whether
 * or not any exporter is configured, and each runs a thread of its own; this leaves out
 * the span processor when no {@link SpanExporter} is defined (no OTLP endpoint:
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}) and the log processor
 * when no {@link LogRecordExporter} is. Spans are still made, their contexts propagated
 * and their ids logged; they are just not sent anywhere.
 */
final class IdleExportProcessors implements BeanDefinitionRegistryPostProcessor {

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (registry instanceof ConfigurableListableBeanFactory beans) {
			removeUnlessExported(beans, registry, BatchSpanProcessor.class, SpanExporter.class);
			removeUnlessExported(beans, registry, BatchLogRecordProcessor.class, LogRecordExporter.class);
		}
	}

	private static void removeUnlessExported(ConfigurableListableBeanFactory beans, BeanDefinitionRegistry registry,
			Class<?> processor, Class<?> exporter) {
		if (beans.getBeanNamesForType(exporter, true, false).length > 0) {
			return;
		}
		for (String name : beans.getBeanNamesForType(processor, true, false)) {
			registry.removeBeanDefinition(name);
		}
	}

}
