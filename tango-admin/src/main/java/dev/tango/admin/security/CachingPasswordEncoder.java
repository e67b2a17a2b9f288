package dev.tango.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a short time, the passwords it has verified, so
 * that a client sending HTTP basic credentials with every request pays for one BCrypt
 * verification per {@link #TTL} instead of one per request (tens of milliseconds of CPU
 * each). Spring Security caches no verification itself: its {@code UserCache} keeps user
 * details, not the outcome of checking a password against them.
 *
 * <p>
 * What it keeps, per stored password hash (at most {@link #MAX_ENTRIES}): a SHA-256 of
 * the last password verified against it, salted with a random value drawn per process,
 * and when that expires. A later check of the same hash with a password whose salted
 * digest is equal, compared in constant time, succeeds without the delegate until then.
 * Anything else goes to the delegate: unknown or wrong passwords (never remembered), and
 * a password checked against a changed hash, so that a changed password is refused at
 * once, as the old hash is no longer asked about. Encoding and upgrades are the
 * delegate's.
 *
 * <p>
 * Thread-safe.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

	/** How long a verified password is remembered. */
	static final Duration TTL = Duration.ofMinutes(5);

	/** The most stored hashes remembered at once. */
	static final int MAX_ENTRIES = 1024;

	private final PasswordEncoder delegate;

	private final LongSupplier clock;

	private final byte[] salt = new byte[32];

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	/**
	 * Wraps an encoder.
	 * @param delegate the encoder that hashes and verifies
	 * @param clock a monotonic clock in nanoseconds, such as {@link System#nanoTime()}
	 */
	CachingPasswordEncoder(PasswordEncoder delegate, LongSupplier clock) {
		this.delegate = delegate;
		this.clock = clock;
		new SecureRandom().nextBytes(this.salt);
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		byte[] digest = digest(rawPassword);
		long now = this.clock.getAsLong();
		Verified known = this.verified.get(encodedPassword);
		if (known != null && now - known.expiresAt() < 0 && MessageDigest.isEqual(known.digest(), digest)) {
			return true;
		}
		boolean matches = this.delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			remember(encodedPassword, new Verified(digest, now + TTL.toNanos()), now);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private void remember(String encodedPassword, Verified entry, long now) {
		if (this.verified.size() >= MAX_ENTRIES && !this.verified.containsKey(encodedPassword)) {
			this.verified.values().removeIf((old) -> now - old.expiresAt() >= 0);
			if (this.verified.size() >= MAX_ENTRIES) {
				return;
			}
		}
		this.verified.put(encodedPassword, entry);
	}

	private byte[] digest(CharSequence rawPassword) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(this.salt);
			sha256.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return sha256.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * A password verified against a stored hash.
	 *
	 * @param digest its salted SHA-256
	 * @param expiresAt when it is forgotten, on the clock
	 */
	private record Verified(byte[] digest, long expiresAt) {

	}

}
