package dev.tango.admin.ui;

import java.time.Instant;
import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.serving.ServingTraffic;

/**
 * Gathers the live numbers of a cascade's versions from the registry (the active version,
 * the instances' serving and traffic reports, the live accuracy from feedback), for the
 * cascade page and its REST endpoint alike. Thread-safe.
 */
@Component
public class LiveNumbers {

	private final ModelRegistry registry;

	private final ServingReports servingReports;

	private final ServingTraffic servingTraffic;

	private final FeedbackStore feedback;

	LiveNumbers(ModelRegistry registry, ServingReports servingReports, ServingTraffic servingTraffic,
			FeedbackStore feedback) {
		this.registry = registry;
		this.servingReports = servingReports;
		this.servingTraffic = servingTraffic;
		this.feedback = feedback;
	}

	/**
	 * Returns the live numbers of a cascade's versions, newest version first.
	 * @param cascade the cascade's name
	 * @param now the present time, to leave out stale reports
	 * @return a row per version that is active, served, reported with traffic or labelled
	 * @throws DataAccessException if the registry cannot be read
	 */
	public List<VersionNumbers> list(String cascade, Instant now) {
		Integer active = this.registry.getActive(cascade).map((current) -> current.version().version()).orElse(null);
		return VersionNumbers.of(active, this.servingReports.list(cascade), this.servingTraffic.list(cascade),
				this.feedback.liveAccuracy(cascade), now);
	}

}
