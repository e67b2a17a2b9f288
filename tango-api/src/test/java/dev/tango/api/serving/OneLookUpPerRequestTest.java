package dev.tango.api.serving;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.tango.api.testsupport.WebSliceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A request through either protocol resolves its cascade version once and submits to that
 * version.
 */
class OneLookUpPerRequestTest extends WebSliceTest {

	@MockitoSpyBean
	CascadeServer spied;

	@BeforeEach
	void forgetStartUp() {
		clearInvocations(this.spied);
	}

	@Test
	void aNativeRequestLooksItsCascadeUpOnce() {
		MvcTestResult result = this.mvc.post()
			.uri("/v1/cascades/sentiment/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"inputs\": [\"good good good\", \"bad\"]}")
			.exchange();

		assertThat(result).hasStatusOk();
		verify(this.spied, times(1)).require("sentiment", null);
		verify(this.spied, times(1)).submit(any(), any(), any(), any());
	}

	@Test
	void anOpenInferenceRequestLooksItsCascadeUpOnce() {
		MvcTestResult result = this.mvc.post()
			.uri("/v2/models/sentiment/versions/1/infer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"good\"]}]}")
			.exchange();

		assertThat(result).hasStatusOk();
		verify(this.spied, times(1)).require(anyString(), any());
		verify(this.spied, times(1)).submit(any(), any(), any(), any());
	}

}
