package dev.tango.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.tango.web.TerminationSignal;

/**
 * The registry administration service: registry REST, labelled data sets and jobs that
 * fit heads, evaluate and calibrate cascades.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TangoAdminApplication {

	/**
	 * Starts the service.
	 * @param args command-line arguments, as Spring Boot reads them
	 */
	public static void main(String[] args) {
		TerminationSignal.exitGracefully(SpringApplication.run(TangoAdminApplication.class, args));
	}

}
