package dev.tango.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.tango.web.TerminationSignal;

/**
 * The classification service: serves the active cascade versions of the registry over a
 * native REST API and the Open Inference Protocol v2.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TangoApiApplication {

	/**
	 * Starts the service; SIGTERM then stops it gracefully with exit status 0.
	 * @param args command-line arguments, as Spring Boot reads them
	 */
	public static void main(String[] args) {
		TerminationSignal.exitGracefully(SpringApplication.run(TangoApiApplication.class, args));
	}

}
