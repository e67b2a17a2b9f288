package dev.tango.admin.release;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.models.release.ReleaseAuditEntry;
import dev.tango.models.release.ReleasePlan;

/**
 * A cascade's releases: the plan that runs, if any, what was measured for the latest
 * plan, the recent plans and the audit.
 *
 * @param cascade the cascade's name
 * @param running the running plan, or {@code null}
 * @param latest the latest plan, running or ended, or {@code null} if none ever ran
 * @param reports what the instances measured for the latest plan, active version first
 * @param plans the recent plans, newest first
 * @param audit the recent audit entries, newest first
 */
public record ReleaseStatus(String cascade, @Nullable ReleasePlan running, @Nullable ReleasePlan latest,
		List<VersionReport> reports, List<ReleasePlan> plans, List<ReleaseAuditEntry> audit) {

}
