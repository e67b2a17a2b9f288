package dev.tango.models.feedback;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.core.calibration.Binomial;
import dev.tango.core.tier.TextInput;
import dev.tango.models.testsupport.MigratedH2;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feedback store on the embedded registry (H2 in PostgreSQL mode, migrated as the
 * service migrates it); tango-api's {@code FeedbackIT} runs the same store on PostgreSQL.
 */
class FeedbackStoreTest {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	@TempDir
	Path directory;

	private JdbcTemplate jdbc;

	private FeedbackStore store;

	@BeforeEach
	void migrate() {
		this.jdbc = MigratedH2.migrate(this.directory);
		this.store = new FeedbackStore(this.jdbc);
	}

	@Test
	void storesEachAnswerOnceAndCountsItsTier() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.store.record(answer("c", "id" + i, 3, i % 2, "1", (i < 7) ? "1" : "0"))).isEmpty();
		}
		assertThat(this.store.record(answer("c", "id0", 3, 0, "1", "1"))).contains("1");
		assertThat(this.store.record(answer("c", "id0", 3, 0, "1", "0"))).as("a conflict names the first label")
			.contains("1");
		this.store.record(answer("c", "old", 2, 0, "0", "0"));
		this.store.record(answer("other", "id0", 1, 0, "0", "1"));
		this.store.record(text("c", "no answer", "0", NOW));
		List<LiveAccuracy> rows = this.store.liveAccuracy("c");
		assertThat(rows)
			.extracting(LiveAccuracy::version, LiveAccuracy::tier, LiveAccuracy::labelled, LiveAccuracy::correct)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, null, 10L, 7L),
					org.assertj.core.groups.Tuple.tuple(3, 0, 5L, 4L),
					org.assertj.core.groups.Tuple.tuple(3, 1, 5L, 3L),
					org.assertj.core.groups.Tuple.tuple(2, null, 1L, 1L),
					org.assertj.core.groups.Tuple.tuple(2, 0, 1L, 1L));
		Binomial.Interval interval = Binomial.wilson(7, 10, 0.95);
		assertThat(rows.get(0).accuracy()).isEqualTo(0.7);
		assertThat(rows.get(0).lower()).isEqualTo(interval.lower());
		assertThat(rows.get(0).upper()).isEqualTo(interval.upper());
		assertThat(this.store.liveAccuracy(null)).hasSize(7);
		assertThat(this.store.count("c")).isEqualTo(12);
	}

	@Test
	void readsTextsNewestLastAndOnlyThoseSent() {
		this.store.record(text("c", "first", "0", NOW));
		this.store.record(answer("c", "no text", 1, 0, "1", "1"));
		this.store.record(text("c", "second", "1", NOW));
		this.store.record(new FeedbackEntry("c", FeedbackEntry.textKey(digest("pair")), null, "1", digest("pair"),
				new TextInput("premise", "hypothesis"), NOW));
		assertThat(this.store.labelledTexts("c", 10))
			.extracting((e) -> e.input().text(), (e) -> e.input().pair(), (e) -> e.label())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("first", null, "0"),
					org.assertj.core.groups.Tuple.tuple("second", null, "1"),
					org.assertj.core.groups.Tuple.tuple("premise", "hypothesis", "1"));
		assertThat(this.store.labelledTexts("c", 2)).extracting((e) -> e.input().text())
			.containsExactly("second", "premise");
	}

	@Test
	void purgesByAgeThenByCountPerCascade() {
		for (int i = 0; i < 3; i++) {
			this.store.record(text("c", "old " + i, "0", NOW.minus(Duration.ofDays(40))));
		}
		for (int i = 0; i < 8; i++) {
			this.store.record(text("c", "new " + i, "0", NOW));
		}
		for (int i = 0; i < 4; i++) {
			this.store.record(text("d", "d " + i, "0", NOW));
		}
		assertThat(this.store.purge(NOW.minus(Duration.ofDays(30)), 5)).isEqualTo(3 + 3);
		assertThat(this.store.labelledTexts("c", 100)).extracting((e) -> e.input().text())
			.containsExactly("new 3", "new 4", "new 5", "new 6", "new 7");
		assertThat(this.store.count("d")).isEqualTo(4);
		assertThat(this.store.purge(NOW.minus(Duration.ofDays(30)), 5)).isZero();
	}

	@Test
	void createsOneSigningKeyForEveryone() throws Exception {
		List<CompletableFuture<byte[]>> keys = List.of(CompletableFuture.supplyAsync(this.store::signingKey),
				CompletableFuture.supplyAsync(this.store::signingKey),
				CompletableFuture.supplyAsync(this.store::signingKey));
		byte[] first = keys.get(0).get();
		assertThat(first).hasSize(32);
		for (CompletableFuture<byte[]> key : keys) {
			assertThat(key.get()).isEqualTo(first);
		}
		assertThat(new FeedbackStore(this.jdbc).signingKey()).isEqualTo(first);
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO feedback_signing_keys (id, secret, created_at) VALUES (2, 'x', CURRENT_TIMESTAMP)"))
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void theSchemaRefusesHalfAnAnswer() {
		assertThatThrownBy(() -> this.jdbc.update(
				"INSERT INTO feedback (cascade_name, dedup_key, cascade_version, "
						+ "true_label, text_sha256, received_at) VALUES ('c', ?, 1, '1', ?, CURRENT_TIMESTAMP)",
				digest("k"), digest("t")))
			.isInstanceOf(DataAccessException.class);
	}

	private static FeedbackEntry answer(String cascade, String id, int version, int tier, String predicted,
			String label) {
		return new FeedbackEntry(cascade, Sha256.ofUtf8(id), new FeedbackEntry.Answer(version, tier, predicted, NOW),
				label, digest(id), null, NOW);
	}

	private static FeedbackEntry text(String cascade, String text, String label, Instant received) {
		TextInput input = new TextInput(text, null);
		String sha = FeedbackEntry.textSha256(input);
		return new FeedbackEntry(cascade, FeedbackEntry.textKey(sha), null, label, sha, input, received);
	}

	private static String digest(String text) {
		return Sha256.ofUtf8(text);
	}

}
