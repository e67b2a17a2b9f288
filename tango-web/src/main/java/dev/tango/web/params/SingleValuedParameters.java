package dev.tango.web.params;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request that gives a single-valued request parameter more than once (as query
 * or form values, or as file parts of a multipart request), with 400 naming the
 * parameter, instead of letting the binder read one of its values. A parameter is
 * single-valued when a handler method takes it through {@link RequestParam @RequestParam}
 * or {@link RequestPart @RequestPart} as anything but a collection, an array or a map.
 * Other handlers (static resources, Actuator) are left alone. Thread-safe; what it learns
 * of each handler method is kept.
 */
public final class SingleValuedParameters implements HandlerInterceptor {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private final Map<Method, List<String>> namesByMethod = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		String repeated = repeated(request,
				this.namesByMethod.computeIfAbsent(method.getMethod(), (key) -> singleValued(method)));
		if (repeated != null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, repeated);
		}
		return true;
	}

	/**
	 * Says which of the named parameters a request gives more than once, as query or form
	 * values or as file parts: for filters that read a form below Spring MVC.
	 * @param request the request
	 * @param names the parameters that take one value
	 * @return the reason to refuse it with 400, naming the first repeated parameter and
	 * how often it was given; {@code null} where each is given at most once
	 */
	public static @Nullable String repeated(HttpServletRequest request, Collection<String> names) {
		for (String name : names) {
			int given = count(request, name);
			if (given > 1) {
				return "Give the parameter '" + name + "' once, not " + given + " times";
			}
		}
		return null;
	}

	/** How often a parameter is given: as query or form values, and as file parts. */
	private static int count(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		int files = (request instanceof MultipartHttpServletRequest multipart) ? multipart.getFiles(name).size() : 0;
		return ((values != null) ? values.length : 0) + files;
	}

	private static List<String> singleValued(HandlerMethod method) {
		return Arrays.stream(method.getMethodParameters())
			.filter((parameter) -> parameter.hasParameterAnnotation(RequestParam.class)
					|| parameter.hasParameterAnnotation(RequestPart.class))
			.filter((parameter) -> isSingle(parameter.nestedIfOptional().getNestedParameterType()))
			.map(SingleValuedParameters::name)
			.filter((name) -> !name.isEmpty())
			.toList();
	}

	private static boolean isSingle(Class<?> type) {
		return !type.isArray() && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type);
	}

	private static String name(MethodParameter parameter) {
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
		String name = (param != null) ? (param.name().isEmpty() ? param.value() : param.name())
				: (part != null) ? (part.name().isEmpty() ? part.value() : part.name()) : "";
		if (name.isEmpty()) {
			parameter.initParameterNameDiscovery(NAMES);
			String discovered = parameter.getParameterName();
			name = (discovered != null) ? discovered : "";
		}
		return name;
	}

}
