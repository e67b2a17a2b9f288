package dev.tango.admin.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Lets a test of the whole service ({@link AdminIntegrationTest}) that runs jobs wait
 * little for them: the job worker looks for queued jobs every 200 ms and beats every
 * second. The test's own {@code @TestPropertySource} adds to these properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "tango.admin.jobs.poll-interval=200ms", "tango.admin.jobs.heartbeat-interval=1s" })
public @interface PromptJobs {

}
