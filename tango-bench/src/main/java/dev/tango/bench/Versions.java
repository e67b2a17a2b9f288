package dev.tango.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/**
 * The versions that {@code --version} prints: Tango's, DJL's, ONNX Runtime's and Java's.
 */
public final class Versions implements CommandLine.IVersionProvider {

	@Override
	public String[] getVersion() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Versions.class.getResourceAsStream("/dev/tango/runtime/version.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		return new String[] { "Tango " + properties.getProperty("version", "unknown"),
				"DJL " + properties.getProperty("djl", "unknown") + ", ONNX Runtime "
						+ properties.getProperty("onnxruntime", "unknown") + ", Java "
						+ System.getProperty("java.version") };
	}

}
