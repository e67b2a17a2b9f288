package dev.tango.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Applies {@link TangoWebProperties} to the embedded Tomcat: the read and keep-alive
 * timeouts of the connector, no swallowing of request bodies left unread (an answer
 * committed before its request's declared body was read says {@code Connection: close},
 * and the connection is closed after it, see {@link RequestReadValve}), the
 * {@code 100 Continue} sent only when the application reads a body, the
 * {@link DeadlineHttp11NioProtocol} in place of Tomcat's default NIO connector (a
 * deadline on request heads; a protocol chosen explicitly is kept), virtual threads, the
 * {@link RequestReadValve} then the {@link AcceptHeaderValve} on the application, and the
 * {@link ProblemErrorReportValve} in place of any other error report valve of the host.
 * Runs after Spring Boot's own customizers, so that its settings win over
 * {@code server.tomcat.connection-timeout} and its error report valve replaces Boot's.
 */
final class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final TangoWebProperties properties;

	private final StatusProblemKinds kinds;

	private final @Nullable BrowserErrorPages pages;

	TomcatHardening(TangoWebProperties properties, StatusProblemKinds kinds, @Nullable BrowserErrorPages pages) {
		this.properties = properties;
		this.kinds = kinds;
		this.pages = pages;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		long requestReadTimeoutMillis = this.properties.requestReadTimeout().toMillis();
		if (TomcatServletWebServerFactory.DEFAULT_PROTOCOL.equals(factory.getProtocol())) {
			factory.setProtocol(DeadlineHttp11NioProtocol.class.getName());
		}
		int readTimeout = millis(this.properties.readTimeout());
		int keepAliveTimeout = millis(this.properties.keepAliveTimeout());
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setConnectionTimeout(readTimeout);
				http.setConnectionUploadTimeout(readTimeout);
				http.setDisableUploadTimeout(false);
				http.setKeepAliveTimeout(keepAliveTimeout);
				// Tomcat then announces Connection: close on an answer committed
				// while its request has declared body bytes unread, instead of a
				// keep-alive it cannot honour without waiting for them.
				http.setMaxSwallowSize(0);
				// 100 Continue only once the application reads the body: a request
				// refused on its headers alone (too large, no key, a type or coding
				// not read) gets its final status, and its client never sends the body.
				http.setContinueResponseTiming("onRead");
			}
			if (connector.getProtocolHandler() instanceof DeadlineHttp11NioProtocol deadline) {
				deadline.setRequestHeadTimeoutMillis(requestReadTimeoutMillis);
			}
		});
		if (this.properties.virtualThreads()) {
			factory.addProtocolHandlerCustomizers(
					(protocol) -> protocol.setExecutor(new VirtualThreadExecutor("tango-http-")));
		}
		ErrorBodies bodies = new ErrorBodies(this.properties.protocolErrorPaths(), this.kinds, this.pages);
		long requestReadTimeout = TimeUnit.MILLISECONDS.toNanos(requestReadTimeoutMillis);
		factory.addContextCustomizers((context) -> {
			context.getPipeline().addValve(new RequestReadValve(requestReadTimeout, readTimeout, bodies));
			context.getPipeline().addValve(new AcceptHeaderValve(bodies));
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemErrorReportValve(bodies));
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
