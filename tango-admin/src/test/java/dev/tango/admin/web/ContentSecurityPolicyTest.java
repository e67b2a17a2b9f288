package dev.tango.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@link ContentSecurityPolicy} would refuse is in no page: no inline script,
 * event handler attribute, {@code javascript:} URL or inline style in a template or in
 * the bare problem page, which carries the policy itself.
 */
class ContentSecurityPolicyTest {

	/** A script element without a source, an element's style, handler or script URL. */
	private static final Pattern INLINE = Pattern.compile(
			"<script(?![^>]*\\bth:src=)(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\s(th:)?style=|\\s(th:)?on[a-z]+=|javascript:",
			Pattern.CASE_INSENSITIVE);

	@Test
	void theTemplatesHoldNoInlineScriptOrStyle() throws IOException {
		Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath:templates/*.html");
		assertThat(templates).isNotEmpty();
		for (Resource template : templates) {
			String page = template.getContentAsString(StandardCharsets.UTF_8);
			assertThat(INLINE.matcher(page).results().map((match) -> match.group())).as(template.getFilename())
				.isEmpty();
		}
	}

	@Test
	void theBarePageCarriesThePolicyAndNeedsNothingItRefuses() {
		String page = ProblemPage.bare(400, "Invalid request", "<script>alert(1)</script>");
		assertThat(page)
			.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + ContentSecurityPolicy.META + "\">");
		assertThat(INLINE.matcher(page).results().map((match) -> match.group())).isEmpty();
		assertThat(ContentSecurityPolicy.HEADER).startsWith(ContentSecurityPolicy.META)
			.endsWith("; frame-ancestors 'none'")
			.doesNotContain("unsafe");
	}

}
