package dev.tango.models.feedback;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.core.tier.TextInput;
import dev.tango.models.feedback.FeedbackEntry.Answer;
import dev.tango.runtime.data.LabelledExample;

/**
 * Feedback in the registry's database (table {@code feedback}, migration V1_9), and the
 * key that signs answer ids ({@code feedback_signing_keys}). Every statement stands alone
 * (no transaction spans two), so that any number of instances may write, read and purge
 * at once. Thread-safe.
 */
public class FeedbackStore {

	private static final int KEY_BYTES = 32;

	private final JdbcTemplate jdbc;

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 */
	public FeedbackStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores an item unless one with its dedup key is stored for its cascade already.
	 * @param entry the item
	 * @return empty if it was stored; otherwise the true label stored earlier under the
	 * same key (the same label: a repeat; another: a conflict), and nothing is changed
	 * @throws DataAccessException if the database cannot be written
	 */
	public Optional<String> record(FeedbackEntry entry) {
		Answer answer = entry.answer();
		TextInput text = entry.text();
		try {
			this.jdbc.update(
					"INSERT INTO feedback (cascade_name, dedup_key, cascade_version, tier_index, predicted_label, "
							+ "true_label, correct, text_sha256, text, pair, answered_at, received_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					entry.cascade(), entry.dedupKey(), (answer != null) ? answer.version() : null,
					(answer != null) ? answer.tier() : null, (answer != null) ? answer.predictedLabel() : null,
					entry.trueLabel(), entry.correct(), entry.textSha256(), (text != null) ? text.text() : null,
					(text != null) ? text.pair() : null, (answer != null) ? utc(answer.answeredAt()) : null,
					utc(entry.receivedAt()));
			return Optional.empty();
		}
		catch (DuplicateKeyException ex) {
			return Optional
				.of(this.jdbc.queryForObject("SELECT true_label FROM feedback WHERE cascade_name = ? AND dedup_key = ?",
						String.class, entry.cascade(), entry.dedupKey()));
		}
	}

	/**
	 * Returns the live accuracy of every version of a cascade, or of every cascade, that
	 * has labelled answers: for each version a row per answering tier and a row for all
	 * its tiers together ({@code tier} {@code null}). Feedback by text alone counts in
	 * none.
	 * @param cascade the cascade's name, or {@code null} for every cascade
	 * @return the rows, by cascade, newest version first, the all-tiers row before the
	 * tiers
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<LiveAccuracy> liveAccuracy(@Nullable String cascade) {
		String sql = "SELECT cascade_name, cascade_version, tier_index, COUNT(*) AS labelled, "
				+ "SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS correct FROM feedback WHERE cascade_version IS NOT NULL"
				+ ((cascade != null) ? " AND cascade_name = ?" : "")
				+ " GROUP BY cascade_name, cascade_version, tier_index";
		Object[] parameters = (cascade != null) ? new Object[] { cascade } : new Object[0];
		List<LiveAccuracy> tiers = this.jdbc.query(sql, FeedbackStore::counts, parameters);
		Map<VersionKey, long[]> totals = new LinkedHashMap<>();
		for (LiveAccuracy tier : tiers) {
			long[] total = totals.computeIfAbsent(new VersionKey(tier.cascade(), tier.version()), (key) -> new long[2]);
			total[0] += tier.labelled();
			total[1] += tier.correct();
		}
		List<LiveAccuracy> rows = new ArrayList<>(tiers);
		totals
			.forEach((key, total) -> rows.add(LiveAccuracy.of(key.cascade(), key.version(), null, total[0], total[1])));
		rows.sort(Comparator.comparing(LiveAccuracy::cascade)
			.thenComparing(Comparator.comparingInt(LiveAccuracy::version).reversed())
			.thenComparing(LiveAccuracy::tier, Comparator.nullsFirst(Comparator.<Integer>naturalOrder())));
		return rows;
	}

	/**
	 * Returns the newest feedback of a cascade that came with its text, as labelled
	 * examples (each example's {@code line} is the feedback's row id).
	 * @param cascade the cascade's name
	 * @param limit the most rows to return
	 * @return the examples, oldest first
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<LabelledExample> labelledTexts(String cascade, int limit) {
		List<LabelledExample> newestFirst = this.jdbc.query(
				"SELECT id, text, pair, true_label FROM feedback WHERE cascade_name = ? AND text IS NOT NULL "
						+ "ORDER BY id DESC LIMIT ?",
				(rs, row) -> new LabelledExample(new TextInput(rs.getString("text"), rs.getString("pair")),
						rs.getString("true_label"), rs.getLong("id")),
				cascade, limit);
		return newestFirst.reversed();
	}

	/**
	 * Returns how many items of feedback a cascade has.
	 * @param cascade the cascade's name
	 * @return the count
	 * @throws DataAccessException if the database cannot be read
	 */
	public long count(String cascade) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM feedback WHERE cascade_name = ?", Long.class,
				cascade);
		return (count != null) ? count : 0;
	}

	/**
	 * Deletes the feedback received before a time, then, of each cascade with more than
	 * {@code maxRowsPerCascade} items, the oldest beyond that number. Safe to run from
	 * many instances at once.
	 * @param before the oldest time an item may have been received and be kept
	 * @param maxRowsPerCascade the most items kept per cascade, at least 1
	 * @return how many items were deleted
	 * @throws DataAccessException if the database cannot be written
	 */
	public int purge(Instant before, int maxRowsPerCascade) {
		int deleted = this.jdbc.update("DELETE FROM feedback WHERE received_at < ?", utc(before));
		List<String> over = this.jdbc.queryForList(
				"SELECT cascade_name FROM feedback GROUP BY cascade_name HAVING COUNT(*) > ?", String.class,
				maxRowsPerCascade);
		for (String cascade : over) {
			deleted += this.jdbc.update(
					"DELETE FROM feedback WHERE cascade_name = ? AND id <= (SELECT id FROM feedback "
							+ "WHERE cascade_name = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
					cascade, cascade, maxRowsPerCascade);
		}
		return deleted;
	}

	/**
	 * Returns the key that signs answer ids, creating it the first time: every instance
	 * that calls this gets the same key, however many call at once.
	 * @return 32 random bytes
	 * @throws DataAccessException if the database cannot be read or written
	 */
	public byte[] signingKey() {
		List<String> stored = this.jdbc.queryForList("SELECT secret FROM feedback_signing_keys WHERE id = 1",
				String.class);
		if (stored.isEmpty()) {
			byte[] key = new byte[KEY_BYTES];
			new SecureRandom().nextBytes(key);
			try {
				this.jdbc.update("INSERT INTO feedback_signing_keys (id, secret, created_at) VALUES (1, ?, ?)",
						Base64.getEncoder().encodeToString(key), utc(Instant.now()));
			}
			catch (DuplicateKeyException ex) {
				// Another instance created it first: use that one.
			}
			stored = this.jdbc.queryForList("SELECT secret FROM feedback_signing_keys WHERE id = 1", String.class);
		}
		return Base64.getDecoder().decode(stored.get(0));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static LiveAccuracy counts(ResultSet rs, int row) throws SQLException {
		return LiveAccuracy.of(rs.getString("cascade_name"), rs.getInt("cascade_version"), rs.getInt("tier_index"),
				rs.getLong("labelled"), rs.getLong("correct"));
	}

	private record VersionKey(String cascade, int version) {

	}

}
