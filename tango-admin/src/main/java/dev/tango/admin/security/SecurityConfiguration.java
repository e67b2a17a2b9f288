package dev.tango.admin.security;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import dev.tango.admin.web.ContentSecurityPolicy;
import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemWriter;
import dev.tango.admin.web.ProblemTypes;

/**
 * Every endpoint but health and info needs an authenticated caller with role
 * {@value #ADMIN}, but the metrics, which role {@value #METRICS} may read too; refusals
 * are problem responses (401 without valid credentials, 403 without the role). Callers
 * authenticate with HTTP basic (configured users) or a bearer token: a configured API
 * token, or, when an OAuth2 issuer or key set is configured, a JWT whose {@code roles}
 * claim lists the roles; people may sign in on the sign-in page instead
 * ({@link SignInEntryPoint}), which keeps them signed in by a session cookie. Only form
 * sign-in creates sessions, which end {@code tango.admin.session.lifetime} after it
 * however busy they are ({@link SessionLifetimeFilter}). Instead of CSRF tokens,
 * state-changing requests that a browser marks as coming from another site are refused
 * ({@link CrossSiteRequestFilter}), signing in and out included; the session cookie is
 * also {@code SameSite=Lax}. Signing out is {@code POST} {@value #SIGN_OUT} only: without
 * CSRF tokens Spring Security would also sign out on a {@code GET}, which any page
 * elsewhere can make (an image, a link); a {@code GET} is answered 405 instead and signs
 * nobody out. A sign-in form that repeats its username or password is refused
 * ({@link SignInFormFilter}); password guessing is throttled by client address
 * ({@link SignInThrottle}). Every answer carries the {@link ContentSecurityPolicy}. The
 * same rules hold where Actuator answers on a port of its own
 * ({@code management.server.port}): there its endpoints are as described; the service's
 * port then answers 404 to anyone for Actuator's paths, before any authentication
 * ({@link ActuatorOnServicePort}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/** The role every admin endpoint needs. */
	public static final String ADMIN = "ADMIN";

	/**
	 * The role that may read the metrics ({@code /actuator/prometheus}) and nothing else:
	 * for a scraper's token.
	 */
	public static final String METRICS = "METRICS";

	/** Where a signed-in browser posts to sign out. */
	public static final String SIGN_OUT = "/logout";

	/** The realm of HTTP basic challenges. */
	static final String REALM = "tango-admin";

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain adminSecurity(HttpSecurity http, AdminProperties properties, SignInAttempts signInAttempts,
			ProblemWriter problems, ObjectProvider<JwtDecoder> jwtDecoder, Environment environment,
			WebEndpointProperties endpoints) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, exception) -> {
			// Decided from the headers alone: the body is not read, and the connection
			// goes.
			response.setHeader(HttpHeaders.CONNECTION, "close");
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
			problems.write(request, response,
					ProblemResponses.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
							"Authentication required",
							"Sign in with HTTP basic or send a bearer token: " + exception.getMessage()));
		};
		AccessDeniedHandler deniedHandler = (request, response, exception) -> problems.write(request, response,
				ProblemResponses.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
						"This needs the role " + ADMIN + "."));
		// Only a page a browser opened is remembered (in a session) to return to after
		// signing in.
		HttpSessionRequestCache pages = new HttpSessionRequestCache();
		pages.setRequestMatcher(SignInEntryPoint::opensAPage);
		SavedRequestAwareAuthenticationSuccessHandler returnToThePage = new SavedRequestAwareAuthenticationSuccessHandler();
		returnToThePage.setDefaultTargetUrl("/");
		returnToThePage.setRequestCache(pages);
		// The page's path and query only: behind a proxy that ends TLS, the URL the
		// request was remembered by starts with http:, which the policy's form-action
		// refuses.
		returnToThePage.setRedirectStrategy((request, response, url) -> {
			URI target = URI.create(url);
			response.sendRedirect(response.encodeRedirectURL(
					target.getRawPath() + ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "")));
		});
		InstantSource clock = InstantSource.system();
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class))
					.permitAll()
					.requestMatchers(EndpointRequest.to("prometheus"))
					.hasAnyRole(ADMIN, METRICS)
					.requestMatchers("/error", "/admin.css", SignInEntryPoint.SIGN_IN)
					.permitAll()
					.anyRequest()
					.hasRole(ADMIN))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new SignInEntryPoint(entryPoint))
				.accessDeniedHandler(deniedHandler))
			.requestCache((cache) -> cache.requestCache(pages))
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers
				.contentSecurityPolicy((policy) -> policy.policyDirectives(ContentSecurityPolicy.HEADER)))
			.formLogin((form) -> form.loginPage(SignInEntryPoint.SIGN_IN)
				.successHandler(SessionLifetimeFilter.startingTheLifetime(returnToThePage, clock))
				.permitAll())
			.logout((logout) -> logout
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_OUT))
				.logoutSuccessUrl(SignInEntryPoint.SIGN_IN + "?signed-out")
				.permitAll())
			.anonymous(Customizer.withDefaults())
			.addFilterAfter(new SessionLifetimeFilter(properties.session().lifetime(), clock),
					SecurityContextHolderFilter.class)
			.addFilterAfter(new ActuatorOnServicePort(environment, endpoints.getBasePath(), problems),
					HeaderWriterFilter.class)
			.addFilterBefore(new CrossSiteRequestFilter(problems), LogoutFilter.class)
			.addFilterBefore(new SignInFormFilter(problems), LogoutFilter.class)
			.addFilterAfter(new SignInThrottle(signInAttempts, problems), LogoutFilter.class);
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder != null) {
			JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
			authorities.setAuthoritiesClaimName("roles");
			authorities.setAuthorityPrefix("ROLE_");
			JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
			converter.setJwtGrantedAuthoritiesConverter(authorities);
			http.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(converter)));
			if (!properties.tokens().isEmpty()) {
				logger.warn("An OAuth2 resource server is configured: the {} configured API tokens are ignored",
						properties.tokens().size());
			}
		}
		else {
			http.addFilterBefore(new ApiTokenAuthenticationFilter(properties.tokens(), entryPoint),
					BasicAuthenticationFilter.class);
		}
		return http.build();
	}

	/**
	 * The failed sign-ins each client address may still make, given back on successful
	 * authentications.
	 * @param properties the allowance
	 * @return the allowance of each address
	 */
	@Bean
	SignInAttempts signInAttempts(AdminProperties properties) {
		return new SignInAttempts(properties.signIn());
	}

	/**
	 * The delegating encoder ({@code {bcrypt}}, {@code {noop}}…), remembering verified
	 * passwords for a short time so that HTTP basic costs one BCrypt verification per
	 * client and {@link CachingPasswordEncoder#TTL}, not one per request.
	 * @return the encoder
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), System::nanoTime);
	}

	/**
	 * Answers a request that Spring Security's firewall refuses (such as a form whose
	 * parameter names hold control characters) with a 400 problem instead of a 500.
	 * @return the handler
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
		return (request, response, exception) -> problems.write(request, response, ProblemResponses.rejectedRequest());
	}

	@Bean
	UserDetailsService adminUsers(AdminProperties properties) {
		List<UserDetails> users = properties.users()
			.stream()
			.map((user) -> User.withUsername(user.name())
				.password(user.password())
				.roles(user.roles().toArray(String[]::new))
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

}
