package dev.tango.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC's dispatcher, answering TRACE as any other method: a handler that declares
 * TRACE answers it, and otherwise the application answers 405 with the methods the path
 * allows, in its own problem format. The servlet's echo of the request (whose headers
 * could carry credentials back to a script: cross-site tracing) is never written, where
 * {@link DispatcherServlet} appends it to any answer not of type {@code message/http}.
 */
final class TraceAnsweringDispatcherServlet extends DispatcherServlet {

	private static final long serialVersionUID = 1L;

	@Override
	protected void doTrace(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		processRequest(request, response);
	}

}
