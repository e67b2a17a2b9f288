package dev.tango.models.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application outside the registry's packages: the registry must bring its own
 * entities, repositories and beans through auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

}
