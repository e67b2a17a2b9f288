package dev.tango.admin.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin service, for demonstrations and small installations: users for
 * HTTP basic authentication and API tokens for programs. In production, prefer an OAuth2
 * resource server (see the module's README); API tokens are then ignored.
 *
 * @param users the users; none by default, so nobody can sign in
 * @param tokens the API tokens, sent as {@code Authorization: Bearer <token>}; none by
 * default
 * @param signIn how many failed sign-ins each client address may make before its
 * credentials are no longer verified for a while
 * @param session how long a session made by signing in on the sign-in page lasts
 */
@Validated
@ConfigurationProperties("tango.admin")
public record AdminProperties(@DefaultValue List<@Valid User> users, @DefaultValue List<@Valid ApiToken> tokens,
		@DefaultValue @Valid SignIn signIn, @DefaultValue @Valid Session session) {

	public AdminProperties {
		users = List.copyOf(users);
		tokens = List.copyOf(tokens);
	}

	/**
	 * A user.
	 *
	 * @param name the user name
	 * @param password the password in Spring Security's delegating format:
	 * {@code {bcrypt}$2a$...} or, for demonstrations only, {@code {noop}secret}
	 * @param roles the roles without the {@code ROLE_} prefix, such as {@code ADMIN}
	 */
	public record User(@NotBlank String name, @NotBlank @Pattern(regexp = "\\{[a-z0-9-]+\\}.+") String password,
			@DefaultValue Set<String> roles) {

		public User {
			roles = Set.copyOf(roles);
		}

	}

	/**
	 * An API token. Only its SHA-256 is configured, so a leaked configuration does not
	 * leak the token; tokens must be long random strings (at least 32 characters).
	 *
	 * @param name who uses it, recorded as the actor of its requests
	 * @param sha256 the SHA-256 of the token's UTF-8 bytes, 64 hexadecimal digits
	 * @param roles the roles without the {@code ROLE_} prefix
	 */
	public record ApiToken(@NotBlank String name, @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
			@DefaultValue Set<String> roles) {

		public ApiToken {
			roles = Set.copyOf(roles);
		}

	}

	/**
	 * The allowance of failed sign-ins per client address: a token bucket holding
	 * {@code failures}, refilled at that many per {@code period}.
	 *
	 * @param failures the failed sign-ins an address may make in a burst and per period
	 * (default 10)
	 * @param period the period (default one minute)
	 * @param maxClients the most addresses remembered at once (default 10,000); past it
	 * the one idle longest is forgotten
	 */
	public record SignIn(@DefaultValue("10") @Min(1) int failures, @DefaultValue("1m") Duration period,
			@DefaultValue("10000") @Min(1) int maxClients) {

		public SignIn {
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("tango.admin.sign-in.period must be positive, was " + period);
			}
		}

	}

	/**
	 * The lifetime of a session made by signing in on the sign-in page. Besides it, a
	 * session ends after {@code server.servlet.session.timeout} (8 hours) without a
	 * request, and when its user signs out.
	 *
	 * @param lifetime the longest a session lasts from its sign-in, however busy it is
	 * (default 12 hours); past it, the next request finds its client signed out
	 */
	public record Session(@DefaultValue("12h") Duration lifetime) {

		public Session {
			if (lifetime.isNegative() || lifetime.isZero()) {
				throw new IllegalArgumentException("tango.admin.session.lifetime must be positive, was " + lifetime);
			}
		}

	}

}
