package dev.tango.api.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every request served by Tomcat a {@link ConnectionProbe}: a non-blocking read of
 * its connection, through Tomcat's {@code AVAILABLE} action. Once the request body is
 * read, the only thing that read can find is the end of the client's stream (or the start
 * of a pipelined request, which HTTP clients do not send while they wait for a POST's
 * answer).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.valves.ValveBase")
class TomcatConnectionProbes {

	@Bean
	TomcatContextCustomizer tangoConnectionProbes() {
		return (context) -> context.getPipeline().addValve(new ProbeValve());
	}

	/** Puts the probe of the request's connection into a request attribute. */
	static final class ProbeValve extends ValveBase {

		ProbeValve() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			request.setAttribute(ConnectionProbe.ATTRIBUTE, (ConnectionProbe) () -> {
				coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
				return coyote.getAvailable() > 0;
			});
			getNext().invoke(request, response);
		}

	}

}
