package dev.tango.admin.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.tango.models.testsupport.PostgresTestConfiguration;

/**
 * The whole service on a random port against PostgreSQL, nothing seeded, with one user,
 * {@value #USER} / {@value #PASSWORD}, in role ADMIN. Add properties with
 * {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tango.registry.seed=", "tango.admin.users[0].name=" + AdminIntegrationTest.USER,
				"tango.admin.users[0].password={noop}" + AdminIntegrationTest.PASSWORD,
				"tango.admin.users[0].roles=ADMIN" })
@Import(PostgresTestConfiguration.class)
public @interface AdminIntegrationTest {

	/** The user's name. */
	String USER = "admin";

	/** The user's password. */
	String PASSWORD = "admin-secret";

}
