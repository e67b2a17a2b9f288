package dev.tango.api.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionHandlerTest {

	@Test
	void everyExceptionThePlainRefusalHandlerTakesHasItsRefusalAndNoOther() throws NoSuchMethodException {
		ExceptionHandler handled = ApiExceptionHandler.class
			.getDeclaredMethod("refused", Exception.class, WebRequest.class)
			.getAnnotation(ExceptionHandler.class);

		List<Class<?>> refused = ApiExceptionHandler.REFUSALS.stream()
			.<Class<?>>map(ApiExceptionHandler.Refusal::refused)
			.toList();
		assertThat(refused).containsExactlyInAnyOrder(handled.value()).doesNotHaveDuplicates();
	}

}
