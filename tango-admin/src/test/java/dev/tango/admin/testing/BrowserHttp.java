package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls a running admin service over real HTTP as a browser does, without a browser: no
 * credentials but the cookies the service set (a session once {@link #signIn signed in}),
 * redirects not followed. Not thread-safe.
 */
public final class BrowserHttp {

	/** The {@code Accept} header of a browser's navigation, which asks for a page. */
	public static final String PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/**
	 * Creates a client with no cookie.
	 * @param port the service's port on localhost
	 */
	public BrowserHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Posts the sign-in form, from the service's own page.
	 * @param user the user's name
	 * @param password the password
	 * @return the response: a redirect, to the page to return to once signed in
	 */
	public HttpResponse<String> signIn(String user, String password) {
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", this.base)
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Opens a page, as a browser's navigation does.
	 * @param path the page's path, from {@code /}
	 * @return the response
	 */
	public HttpResponse<String> page(String path) {
		return send("GET", path, "Accept", PAGE);
	}

	/**
	 * Sends a request without a body.
	 * @param method the method
	 * @param path the path, from {@code /}
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String... headers) {
		HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path));
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				int equals = pair.indexOf('=');
				this.cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
