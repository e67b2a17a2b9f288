package dev.tango.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The classification service: serves the active cascade versions of the registry over a
 * native REST API and the Open Inference Protocol v2.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TangoApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(TangoApiApplication.class, args);
	}

}
