package dev.tango.api.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.tango.api.serving.CascadeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web slice test: the controllers, the exception handler, the filters and the web
 * set-up over the keyword cascade of {@link WebSliceConfiguration}, which serves before
 * each test.
 */
@WebMvcTest
@Import(WebSliceConfiguration.class)
public abstract class WebSliceTest {

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected CascadeServer server;

	@Autowired
	protected TestCascades.Loader loader;

	@BeforeEach
	void awaitServing() {
		await().atMost(Duration.ofSeconds(10)).until(this.server::ready);
	}

	/**
	 * Asserts that a response holds, at a JSON path, as many answer ids as expected: each
	 * a distinct signed id.
	 * @param result the response
	 * @param path the JSON path of the ids
	 * @param count how many there are
	 */
	protected static void assertAnswerIds(MvcTestResult result, String path, int count) {
		assertThat(result).bodyJson()
			.extractingPath(path)
			.asArray()
			.hasSize(count)
			.allSatisfy((id) -> assertThat((String) id).matches("[A-Za-z0-9_-]{100,}"))
			.doesNotHaveDuplicates();
	}

}
