package dev.tango.models.registry;

import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.models.artifact.ArtifactAutoConfiguration;
import dev.tango.models.artifact.ArtifactFetcher;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.changes.ActivationWatcher;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.serving.ServingTraffic;
import dev.tango.runtime.cascade.TierKinds;

/**
 * Auto-configuration of the registry: its entities and repositories (this package is
 * registered as an auto-configuration package), its Flyway migrations, the
 * {@link ModelRegistry}, the {@link ModelResolver}, the {@link RegistryChanges} watcher,
 * the {@link ServingReports}, the {@link FeedbackStore} and the release plans
 * ({@link ReleasePlans}, {@link ReleaseReports}).
 */
@AutoConfiguration(after = ArtifactAutoConfiguration.class,
		before = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
@AutoConfigurationPackage
@EnableConfigurationProperties(RegistryProperties.class)
public final class RegistryAutoConfiguration {

	/**
	 * The query timeout of the stores that serving instances write each heartbeat: one
	 * heartbeat.
	 */
	private static final int HEARTBEAT_TIMEOUT_SECONDS = (int) ServingReports.HEARTBEAT.toSeconds();

	/** The query timeout of the other stores. */
	private static final int QUERY_TIMEOUT_SECONDS = 10;

	@Bean
	FlywayConfigurationCustomizer tangoRegistryMigrations() {
		return new RegistryMigrations();
	}

	@Bean
	@ConditionalOnMissingBean(ModelRegistry.class)
	ModelRegistry modelRegistry(Models models, ModelVersions modelVersions, Cascades cascades,
			CascadeVersions cascadeVersions, ActivationAudits audits, Calibrations calibrations,
			ArtifactUriValidator uriValidator, TierKinds kinds, ObjectProvider<Clock> clock,
			EntityManagerFactory entityManagerFactory) {
		EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		return new JpaModelRegistry(models, modelVersions, cascades, cascadeVersions, audits, calibrations,
				uriValidator, kinds, clock.getIfAvailable(Clock::systemUTC), entityManager);
	}

	@Bean
	@ConditionalOnMissingBean
	ModelResolver modelResolver(ArtifactFetcher store) {
		return new ModelResolver(store);
	}

	@Bean
	@ConditionalOnMissingBean(RegistryChanges.class)
	ActivationWatcher registryChanges(DataSource dataSource, ObjectProvider<JdbcConnectionDetails> connectionDetails,
			RegistryProperties properties) throws MetaDataAccessException {
		RegistryProperties.Changes changes = properties.changes();
		ActivationWatcher.ListenConnections listen = null;
		String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
		if (changes.listen() && DatabaseDriver.fromJdbcUrl(url) == DatabaseDriver.POSTGRESQL) {
			JdbcConnectionDetails details = connectionDetails.getIfAvailable();
			listen = (details != null) ? () -> DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(),
					details.getPassword()) : dataSource::getConnection;
		}
		return new ActivationWatcher(new JdbcTemplate(dataSource), listen, changes.pollInterval(),
				changes.listenPollInterval(), changes.reconnectDelay());
	}

	@Bean
	@ConditionalOnMissingBean
	ServingReports servingReports(DataSource dataSource) {
		return new ServingReports(jdbc(dataSource, HEARTBEAT_TIMEOUT_SECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	ServingTraffic servingTraffic(DataSource dataSource) {
		return new ServingTraffic(jdbc(dataSource, HEARTBEAT_TIMEOUT_SECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	DriftReports driftReports(DataSource dataSource) {
		return new DriftReports(jdbc(dataSource, HEARTBEAT_TIMEOUT_SECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	FeedbackStore feedbackStore(DataSource dataSource) {
		return new FeedbackStore(jdbc(dataSource, QUERY_TIMEOUT_SECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	ReleasePlans releasePlans(DataSource dataSource, ModelRegistry registry, PlatformTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		return new ReleasePlans(jdbc(dataSource, QUERY_TIMEOUT_SECONDS), registry,
				new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	ReleaseReports releaseReports(DataSource dataSource) {
		return new ReleaseReports(jdbc(dataSource, QUERY_TIMEOUT_SECONDS));
	}

	private static JdbcTemplate jdbc(DataSource dataSource, int queryTimeoutSeconds) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.setQueryTimeout(queryTimeoutSeconds);
		return jdbc;
	}

}
