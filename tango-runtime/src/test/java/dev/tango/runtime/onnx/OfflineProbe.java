package dev.tango.runtime.onnx;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;

/**
 * Run in a fresh JVM by {@link OfflineIT}: records (and refuses) every {@code http},
 * {@code https} and {@code ftp} URL connection the JVM opens, whatever its proxy, while
 * it loads and runs a bundled encoder; prints them and exits.
 *
 * <p>
 * Arguments: the artifact cache directory, then {@code encoder} (load and embed), or
 * {@code control} (open an HTTP connection, to show that attempts are caught), or
 * {@code djl-default} (load and embed without this module's offline settings).
 */
public final class OfflineProbe {

	private OfflineProbe() {
	}

	public static void main(String[] args) throws Exception {
		List<URI> attempts = Collections.synchronizedList(new ArrayList<>());
		URL.setURLStreamHandlerFactory((protocol) -> switch (protocol) {
			case "http", "https", "ftp" -> new URLStreamHandler() {
				@Override
				protected URLConnection openConnection(URL url) throws IOException {
					return refuse(url);
				}

				@Override
				protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
					return refuse(url);
				}

				private URLConnection refuse(URL url) throws IOException {
					attempts.add(URI.create(url.toString()));
					throw new IOException("Network access attempted: " + url);
				}
			};
			default -> null;
		});
		switch (args[1]) {
			case "control" -> {
				try {
					HttpURLConnection connection = (HttpURLConnection) URI.create("http://169.254.169.254/latest")
						.toURL()
						.openConnection();
					connection.setConnectTimeout(200);
					connection.getResponseCode();
				}
				catch (RuntimeException | IOException ex) {
					// expected: the selector refuses
				}
			}
			case "encoder", "djl-default" -> {
				if (args[1].equals("djl-default")) {
					System.setProperty("ai.djl.offline", "false");
					System.setProperty("OPT_OUT_TRACKING", "false");
				}
				DefaultArtifactSource source = new DefaultArtifactSource(new ArtifactCache(Path.of(args[0])),
						OfflineProbe.class.getClassLoader());
				try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, source,
						OrtOptions.defaults())) {
					encoder.embed(List.of(TextInput.of("offline")));
				}
			}
			default -> throw new IllegalArgumentException(args[1]);
		}
		System.out.println("network attempts: " + attempts.size() + " " + attempts);
	}

}
