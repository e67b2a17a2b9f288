package dev.tango.admin.security;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified passwords are remembered for a short time, over real BCrypt hashes; a counting
 * wrapper shows when BCrypt runs.
 */
class CachingPasswordEncoderTest {

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

	private final AtomicInteger verifications = new AtomicInteger();

	private final AtomicLong clock = new AtomicLong(-5_000_000_000L);

	private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(new Counting(), this.clock::get);

	@Test
	void aSecondCheckOfTheSamePasswordSkipsBcryptUntilItExpires() {
		String hash = this.bcrypt.encode("alice-secret");
		assertThat(this.encoder.matches("alice-secret", hash)).isTrue();
		assertThat(this.encoder.matches("alice-secret", hash)).isTrue();
		assertThat(this.verifications).hasValue(1);
		this.clock.addAndGet(CachingPasswordEncoder.TTL.toNanos() - 1);
		assertThat(this.encoder.matches("alice-secret", hash)).isTrue();
		assertThat(this.verifications).hasValue(1);
		this.clock.addAndGet(1);
		assertThat(this.encoder.matches("alice-secret", hash)).isTrue();
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void wrongPasswordsAreNeverRememberedAndAlwaysRefused() {
		String hash = this.bcrypt.encode("alice-secret");
		assertThat(this.encoder.matches("alice-secret", hash)).isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(this.encoder.matches("alice-secreT", hash)).isFalse();
		}
		assertThat(this.encoder.matches("", hash)).isFalse();
		assertThat(this.encoder.matches(null, hash)).isFalse();
		assertThat(this.verifications).hasValue(6);
	}

	@Test
	void aChangedPasswordIsRefusedAtOnce() {
		String old = this.bcrypt.encode("old-secret");
		assertThat(this.encoder.matches("old-secret", old)).isTrue();
		String changed = this.bcrypt.encode("new-secret");
		assertThat(this.encoder.matches("old-secret", changed)).isFalse();
		assertThat(this.encoder.matches("new-secret", changed)).isTrue();
		assertThat(this.encoder.matches("new-secret", changed)).isTrue();
		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void eachStoredHashRemembersItsOwnPassword() {
		String alice = this.bcrypt.encode("alice-secret");
		String bob = this.bcrypt.encode("bob-secret");
		assertThat(this.encoder.matches("alice-secret", alice)).isTrue();
		assertThat(this.encoder.matches("bob-secret", bob)).isTrue();
		assertThat(this.encoder.matches("alice-secret", bob)).isFalse();
		assertThat(this.encoder.matches("bob-secret", alice)).isFalse();
		assertThat(this.encoder.matches("alice-secret", alice)).isTrue();
		assertThat(this.encoder.matches("bob-secret", bob)).isTrue();
		assertThat(this.verifications).hasValue(4);
	}

	@Test
	void remembersABoundedNumberOfHashes() {
		String first = null;
		for (int i = 0; i <= CachingPasswordEncoder.MAX_ENTRIES; i++) {
			String hash = "{noop-like}" + i;
			assertThat(this.encoder.matches("secret", hash)).isTrue();
			if (first == null) {
				first = hash;
			}
		}
		int verified = this.verifications.get();
		// The first is still remembered; the one past the bound was verified and not
		// kept.
		assertThat(this.encoder.matches("secret", first)).isTrue();
		assertThat(this.encoder.matches("secret", "{noop-like}" + CachingPasswordEncoder.MAX_ENTRIES)).isTrue();
		assertThat(this.verifications).hasValue(verified + 1);
	}

	/** BCrypt for real hashes, plain comparison for the made-up ones; counts calls. */
	private final class Counting implements PasswordEncoder {

		@Override
		public @Nullable String encode(@Nullable CharSequence rawPassword) {
			return CachingPasswordEncoderTest.this.bcrypt.encode(rawPassword);
		}

		@Override
		public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
			CachingPasswordEncoderTest.this.verifications.incrementAndGet();
			if (encodedPassword != null && encodedPassword.startsWith("{noop-like}")) {
				return "secret".contentEquals(rawPassword);
			}
			return CachingPasswordEncoderTest.this.bcrypt.matches(rawPassword, encodedPassword);
		}

	}

}
