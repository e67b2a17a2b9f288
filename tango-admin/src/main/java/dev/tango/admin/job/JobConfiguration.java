package dev.tango.admin.job;

import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.tango.admin.dataset.DatasetLocks;
import dev.tango.web.ServiceInstance;

/**
 * The job queue, the registered kinds of job, the data sets jobs read, and the worker of
 * this instance unless {@code tango.admin.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

	@Bean
	Jobs jobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, ObjectProvider<Clock> clock,
			JobProperties properties) {
		return new Jobs(jdbc, transactions, json, clock.getIfAvailable(Clock::systemUTC),
				JobAdmission.Limits.of(properties));
	}

	@Bean
	JobCommands jobCommands(Jobs jobs, JdbcTemplate jdbc, PlatformTransactionManager transactions,
			JobDatasets datasets) {
		return new JobCommands(jobs, jdbc, transactions, datasets);
	}

	@Bean
	JobDatasets jobDatasets(JdbcTemplate jdbc, JobKinds kinds, JsonMapper json, DatasetLocks locks) {
		return new JobDatasets(jdbc, kinds, json, locks);
	}

	@Bean
	JobCurves jobCurves(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		return new JobCurves(jdbc, transactions);
	}

	@Bean
	JobKinds jobKinds(ObjectProvider<JobHandler<?>> handlers) {
		return new JobKinds(handlers.orderedStream().toList());
	}

	@Bean
	JobFolders jobFolders(JobProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		return new JobFolders(properties.trainingDirectory(), jdbc, transactions,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	JobMetrics jobMetrics(MeterRegistry registry, JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
		return new JobMetrics(registry, jdbc, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "tango.admin.jobs.enabled", matchIfMissing = true)
	JobWorker jobWorker(Jobs jobs, JdbcTemplate jdbc, JobFolders folders, JobMetrics metrics, JobCurves curves,
			JobKinds kinds, JobProperties properties, JsonMapper json, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new JobWorker(jobs, new StaleJobs(jdbc, time), folders, metrics, curves, kinds, properties, json, time,
				instanceId());
	}

	/** A name unique to this process: host, process id and a random suffix. */
	static String instanceId() {
		return ServiceInstance.hostName() + "/" + ServiceInstance.processId() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

}
