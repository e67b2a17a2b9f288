package dev.tango.admin.web;

/**
 * The Content-Security-Policy of the admin's answers: a page may load scripts, styles,
 * fonts and images only from the service itself (images also as {@code data:} URLs, which
 * Swagger UI's style sheet uses), run no inline script, event handler attribute or
 * {@code javascript:} URL, apply no inline style, embed no plugin, set no base URL, be
 * framed by no page, and send forms only to the service. The pages keep their scripts in
 * {@code static/*.js} and their styles in {@code static/admin.css} for it.
 */
public final class ContentSecurityPolicy {

	/** What a document may load and do, whichever way the policy is delivered. */
	private static final String DOCUMENT = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

	/**
	 * The policy as the {@code Content-Security-Policy} header of every answer the
	 * security filters see.
	 */
	public static final String HEADER = DOCUMENT + "; frame-ancestors 'none'";

	/**
	 * The policy of a page that no filter sees (an error Tomcat raises below the
	 * application), in a {@code <meta http-equiv>} element: the same but
	 * {@code frame-ancestors}, which a {@code <meta>} element cannot set.
	 */
	static final String META = DOCUMENT;

	private ContentSecurityPolicy() {
	}

}
