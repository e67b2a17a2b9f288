package dev.tango.models.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * A seeded protocol fuzzer for a service on the loopback interface: it takes valid
 * requests of every endpoint and sends mutated copies of them over raw HTTP/1.1 sockets,
 * one at a time, recording the status of each answer. Mutations change the method, the
 * path and query (encoded NUL and slash, overlong UTF-8, huge and negative numbers, long
 * segments), the headers (content types with wildcards or garbage, content encodings,
 * accept types, credentials, idempotency keys, chunked bodies) and the JSON body
 * (truncation, byte flips, invalid UTF-8, type swaps, huge numbers, deep nesting,
 * duplicate keys, missing fields). The same seed sends the same requests.
 */
public final class HttpFuzzer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern KEY = Pattern.compile("\"([A-Za-z_]+)\"\\s*:");

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
			"TRACE", "PROPFIND", "GETS");

	private static final List<String> SEGMENTS = List.of("%00", "%2F", "%2f..%2f", "..", "%2e%2e", "%C0%AF",
			"%E0%80%AF", "%FF", "%ZZ", "%", "-1", "0", "99999999999999999999", "2147483648", "1.5", "1e400", "NaN",
			"%20", "a;b=c", "%3B", "~", "%F0%9F%8E%AC", "x".repeat(3000), "null", "true");

	private static final List<String> QUERIES = List.of("limit=-5", "limit=99999999999", "limit=abc", "offset=-1",
			"status=NOPE", "status=%C0%AF", "status=%00", "from=x&to=2", "from=1&to=99999999999", "verify=maybe",
			"a=%ZZ", "format=XLS", "name=%E0%80%AF", "cascadeVersion=-1", "calibrated=abc", "x=" + "y".repeat(5000),
			"&&&==", "%", "a[0]=1");

	private static final List<String> CONTENT_TYPES = List.of("application/*", "*/*", "text/*", "text/plain",
			"application/json; charset=ISO-8859-1", "application/json; charset=nope", "application/json;;;",
			"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
			"multipart/form-data; boundary=zz", "garbage", "/", "application/xml", "application/problem+json",
			"application/vnd.api+json", "text/csv", "application/jsonl", "application/octet-stream");

	private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*", "image/png", "garbage",
			"application/json;q=0", "application/problem+json", "text/event-stream", "");

	private static final List<String> RAW_VALUES = List.of("0", "-1", "1.5", "-0.0", "1e308", "1e99999",
			"-9223372036854775809", "99999999999999999999999999999999", "true", "false", "null", "\"\"", "\"\\u0000\"",
			"\"\\ud800\"", "\"🎬\"", "[]", "{}", "[null]", "{\"\": null}", "\"x\"");

	private static final List<String> BAD_UTF8 = List.of("C0AF", "E080AF", "F08080AF", "EDA080", "80", "FF", "C3",
			"F4908080");

	private final int port;

	private final Map<String, String> headers;

	/**
	 * Creates a fuzzer.
	 * @param port the service's port on 127.0.0.1
	 * @param headers headers every request starts with, such as credentials
	 */
	public HttpFuzzer(int port, Map<String, String> headers) {
		this.port = port;
		this.headers = headers;
	}

	/**
	 * Sends mutated copies of the given requests.
	 * @param seeds valid requests, at least one
	 * @param requests how many to send
	 * @param seed the seed of every random choice
	 * @return what the service answered
	 */
	public Report run(List<Request> seeds, int requests, long seed) {
		Random random = new Random(seed);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> serverErrors = new ArrayList<>();
		List<String> unanswered = new ArrayList<>();
		long[] millis = new long[requests];
		for (int i = 0; i < requests; i++) {
			Request request = mutate(seeds.get(random.nextInt(seeds.size())), random);
			long start = System.nanoTime();
			int status = send(request);
			millis[i] = (System.nanoTime() - start) / 1_000_000;
			statuses.merge(status, 1, Integer::sum);
			if (status >= 500) {
				serverErrors.add("#" + i + " answered " + status + ": " + request.describe());
			}
			else if (status < 0) {
				unanswered.add("#" + i + ": " + request.describe());
			}
		}
		Arrays.sort(millis);
		return new Report(seed, requests, statuses, serverErrors, unanswered, percentile(millis, 0.5),
				percentile(millis, 0.99), (requests > 0) ? millis[requests - 1] : 0);
	}

	private static long percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	/**
	 * Sends one request and reads the whole answer.
	 * @param request the request
	 * @return the status, or -1 if the connection closed or stalled without one
	 */
	public int send(Request request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.bytes(this.port, this.headers));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] head = in.readNBytes(12);
			in.skip(Long.MAX_VALUE);
			String line = new String(head, StandardCharsets.ISO_8859_1);
			return (line.startsWith("HTTP/1.1 ") && line.length() == 12) ? Integer.parseInt(line.substring(9, 12)) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static Request mutate(Request seed, Random random) {
		Request request = seed;
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			request = switch (random.nextInt(10)) {
				case 0 -> request.withMethod(pick(METHODS, random));
				case 1 -> request.withPath(mutatePath(request.path(), random));
				case 2 -> request.withHeader("Content-Type", pick(CONTENT_TYPES, random));
				case 3 -> mutateHeaders(request, random);
				case 4 -> request.withBody(mutateBytes(request.body(), random));
				default -> request.withBody(mutateJson(request.body(), random));
			};
		}
		return request;
	}

	private static String mutatePath(String path, Random random) {
		int query = path.indexOf('?');
		String base = (query >= 0) ? path.substring(0, query) : path;
		String[] segments = base.split("/", -1);
		switch (random.nextInt(4)) {
			case 0 -> {
				return base + "?" + pick(QUERIES, random);
			}
			case 1 -> {
				return base + "/" + pick(SEGMENTS, random);
			}
			default -> {
				segments[1 + random.nextInt(segments.length - 1)] = pick(SEGMENTS, random);
				return String.join("/", segments) + ((query >= 0) ? path.substring(query) : "");
			}
		}
	}

	private static Request mutateHeaders(Request request, Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> request.withHeader("Accept", pick(ACCEPTS, random));
			case 1 ->
				request.withHeader("Content-Encoding", pick(List.of("gzip", "br", "deflate", "gzip, gzip"), random));
			case 2 -> gzip(request);
			case 3 -> request.withHeader("Authorization",
					pick(List.of("", "Basic %%%", "Basic " + "QQ==".repeat(500), "Bearer x.y.z", "Negotiate"), random));
			case 4 ->
				request.withHeader("Idempotency-Key", pick(List.of("", "k".repeat(300), "a b", "ünï", "k1"), random));
			case 5 -> request.withHeader("Origin", "http://elsewhere.example");
			case 6 -> request.chunked();
			default -> request.withHeader("X-Fuzz", "v".repeat(random.nextInt(2) == 0 ? 100 : 9000));
		};
	}

	private static Request gzip(Request request) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(request.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return request.withBody(bytes.toByteArray()).withHeader("Content-Encoding", "gzip");
	}

	private static byte[] mutateBytes(byte[] body, Random random) {
		switch (random.nextInt(5)) {
			case 0 -> {
				return Arrays.copyOf(body, (body.length == 0) ? 0 : random.nextInt(body.length));
			}
			case 1 -> {
				byte[] flipped = body.clone();
				for (int i = 0; i < 1 + random.nextInt(4) && flipped.length > 0; i++) {
					flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
				}
				return flipped;
			}
			case 2 -> {
				int at = (body.length == 0) ? 0 : random.nextInt(body.length);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.write(body, 0, at);
				out.writeBytes(HexFormat.of().parseHex(pick(BAD_UTF8, random)));
				out.write(body, at, body.length - at);
				return out.toByteArray();
			}
			case 3 -> {
				byte[] noise = new byte[random.nextInt(200)];
				random.nextBytes(noise);
				return noise;
			}
			default -> {
				return new byte[0];
			}
		}
	}

	private static byte[] mutateJson(byte[] body, Random random) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (random.nextInt(6) == 0) {
			return switch (random.nextInt(4)) {
				case 0 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
				case 1 -> "{\"a\":".repeat(3000).getBytes(StandardCharsets.UTF_8);
				case 2 -> pick(RAW_VALUES, random).getBytes(StandardCharsets.UTF_8);
				default -> ("[" + "1e99999,".repeat(2000) + "0]").getBytes(StandardCharsets.UTF_8);
			};
		}
		if (random.nextInt(4) == 0) {
			List<Integer> keys = new ArrayList<>();
			Matcher matcher = KEY.matcher(text);
			while (matcher.find()) {
				keys.add(matcher.start());
			}
			if (!keys.isEmpty()) {
				int at = keys.get(random.nextInt(keys.size()));
				matcher.find(at);
				String duplicate = matcher.group() + " " + pick(RAW_VALUES, random) + ", ";
				return (text.substring(0, at) + duplicate + text.substring(at)).getBytes(StandardCharsets.UTF_8);
			}
		}
		JsonNode tree;
		try {
			tree = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return mutateBytes(body, random);
		}
		if (tree == null || !tree.isContainer()) {
			return mutateBytes(body, random);
		}
		List<JsonNode> containers = new ArrayList<>();
		collect(tree, containers);
		JsonNode container = containers.get(random.nextInt(containers.size()));
		if (container.isEmpty()) {
			return mutateBytes(body, random);
		}
		String value = switch (random.nextInt(5)) {
			case 0 -> "[".repeat(3000) + "]".repeat(3000);
			case 1 -> "\"" + "w".repeat(20_000) + "\"";
			default -> pick(RAW_VALUES, random);
		};
		if (container instanceof ObjectNode object) {
			List<String> names = new ArrayList<>(object.propertyNames());
			String name = names.get(random.nextInt(names.size()));
			if (random.nextInt(3) == 0) {
				object.remove(name);
			}
			else {
				object.set(name, NODES.rawValueNode(new RawValue(value)));
			}
		}
		else if (container instanceof ArrayNode array) {
			array.set(random.nextInt(array.size()), NODES.rawValueNode(new RawValue(value)));
		}
		return JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
	}

	private static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainer()) {
			containers.add(node);
			node.values().forEach((child) -> collect(child, containers));
		}
	}

	private static <T> T pick(List<T> values, Random random) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * A request to send.
	 *
	 * @param method the method
	 * @param path the request target, already percent-encoded
	 * @param headers headers besides those of the fuzzer, name and value, in order
	 * @param body the body, empty for none
	 * @param isChunked whether the body is sent with chunked transfer encoding
	 */
	public record Request(String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
			boolean isChunked) {

		/**
		 * A request without a body.
		 * @param method the method
		 * @param path the path and query
		 * @return the request
		 */
		public static Request of(String method, String path) {
			return new Request(method, path, List.of(), new byte[0], false);
		}

		/**
		 * A request with a JSON body.
		 * @param method the method
		 * @param path the path and query
		 * @param json the body
		 * @return the request
		 */
		public static Request json(String method, String path, String json) {
			return of(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * A request with a body.
		 * @param method the method
		 * @param path the path and query
		 * @param contentType the body's type
		 * @param body the body
		 * @return the request
		 */
		public static Request of(String method, String path, String contentType, byte[] body) {
			return new Request(method, path, List.of(Map.entry("Content-Type", contentType)), body, false);
		}

		Request withMethod(String newMethod) {
			return new Request(newMethod, this.path, this.headers, this.body, this.isChunked);
		}

		Request withPath(String newPath) {
			return new Request(this.method, newPath, this.headers, this.body, this.isChunked);
		}

		Request withBody(byte[] newBody) {
			return new Request(this.method, this.path, this.headers, newBody, this.isChunked);
		}

		Request chunked() {
			return new Request(this.method, this.path, this.headers, this.body, true);
		}

		Request withHeader(String name, String value) {
			List<Map.Entry<String, String>> changed = new ArrayList<>();
			this.headers.stream().filter((header) -> !header.getKey().equalsIgnoreCase(name)).forEach(changed::add);
			changed.add(Map.entry(name, value));
			return new Request(this.method, this.path, List.copyOf(changed), this.body, this.isChunked);
		}

		byte[] bytes(int port, Map<String, String> common) {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.path).append(" HTTP/1.1\r\n");
			head.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
			common.forEach((name, value) -> {
				if (this.headers.stream().noneMatch((header) -> header.getKey().equalsIgnoreCase(name))) {
					head.append(name).append(": ").append(value).append("\r\n");
				}
			});
			this.headers.forEach(
					(header) -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (this.isChunked) {
				head.append("Transfer-Encoding: chunked\r\n\r\n");
				out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
				int half = this.body.length / 2;
				chunk(out, this.body, 0, half);
				chunk(out, this.body, half, this.body.length - half);
				out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			else {
				head.append("Content-Length: ").append(this.body.length).append("\r\n\r\n");
				out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
				out.writeBytes(this.body);
			}
			return out.toByteArray();
		}

		private static void chunk(ByteArrayOutputStream out, byte[] body, int from, int length) {
			if (length > 0) {
				out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body, from, length);
				out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
		}

		/**
		 * Describes the request for a failure message: method, target, headers and the
		 * start of the body with bytes outside printable ASCII escaped.
		 * @return the description
		 */
		public String describe() {
			StringBuilder text = new StringBuilder();
			text.append(this.method).append(' ').append(abbreviate(this.path)).append(' ');
			this.headers.forEach((header) -> text.append('[')
				.append(header.getKey())
				.append(": ")
				.append(abbreviate(header.getValue()))
				.append("] "));
			if (this.isChunked) {
				text.append("[chunked] ");
			}
			text.append(this.body.length).append(" bytes: ");
			for (int i = 0; i < Math.min(this.body.length, 200); i++) {
				int b = this.body[i] & 0xff;
				text.append((b >= 0x20 && b < 0x7f) ? String.valueOf((char) b) : String.format("\\x%02X", b));
			}
			return text.toString();
		}

		private static String abbreviate(String value) {
			return (value.length() <= 120) ? value : value.substring(0, 117) + "...";
		}

	}

	/**
	 * What a run found.
	 *
	 * @param seed the seed, which replays the run
	 * @param sent how many requests were sent
	 * @param statuses how many answers of each status (-1: no answer)
	 * @param serverErrors the requests answered with a 5xx, described
	 * @param unanswered the requests whose connection closed or stalled without an answer
	 * @param p50Millis the median time from connecting to the end of the answer
	 * @param p99Millis the 99th percentile of that time
	 * @param maxMillis the longest
	 */
	public record Report(long seed, int sent, Map<Integer, Integer> statuses, List<String> serverErrors,
			List<String> unanswered, long p50Millis, long p99Millis, long maxMillis) {

		/**
		 * Sums the run up.
		 * @return one line with the seed and the statuses
		 */
		public String summary() {
			return "seed " + this.seed + " (replay with -Dtango.fuzz.seed=" + this.seed + "): " + this.sent
					+ " requests, statuses " + this.statuses + ", time per request p50 " + this.p50Millis + " ms, p99 "
					+ this.p99Millis + " ms, max " + this.maxMillis + " ms";
		}

	}

}
