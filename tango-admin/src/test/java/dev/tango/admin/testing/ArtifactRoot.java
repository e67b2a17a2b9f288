package dev.tango.admin.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test of the whole service ({@link AdminIntegrationTest}) its own
 * {@link ArtifactDirectories} under {@code target/<value>}, created before its context
 * starts, with the service pointed at them; {@link ArtifactDirectories#root} returns
 * their root.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ContextCustomizerFactories(ArtifactRoot.Factory.class)
public @interface ArtifactRoot {

	/**
	 * The test's directory name.
	 * @return the name, such as {@code registry-it}
	 */
	String value();

	/**
	 * Finds the annotation on a test class.
	 */
	final class Factory implements ContextCustomizerFactory {

		@Override
		public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			ArtifactRoot root = TestContextAnnotationUtils.findMergedAnnotation(testClass, ArtifactRoot.class);
			return (root != null) ? new Directories(root.value()) : null;
		}

	}

	/**
	 * Creates the directories of one test and adds their properties, ahead of every other
	 * property source.
	 *
	 * @param name the test's directory name
	 */
	record Directories(String name) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("artifact directories", ArtifactDirectories.create(this.name)));
		}

	}

}
