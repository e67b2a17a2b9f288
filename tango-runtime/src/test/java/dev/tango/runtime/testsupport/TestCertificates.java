package dev.tango.runtime.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Certificates made for a test by the JDK's {@code keytool}: a server key and self-signed
 * certificate for {@code localhost} and {@code 127.0.0.1}, a client key and certificate
 * for mutual TLS, and a stranger certificate that signs neither. Each key is in a PKCS12
 * store ({@code NAME.p12}, password {@link #PASSWORD}) and, with its certificate, in PEM
 * files ({@code NAME.key}, {@code NAME.crt}).
 *
 * @param dir the folder holding the files
 */
public record TestCertificates(Path dir) {

	/** The password of every PKCS12 store. */
	public static final String PASSWORD = "changeit";

	/**
	 * Makes the certificates in a folder.
	 * @param dir an empty folder
	 * @return the certificates
	 * @throws IOException if keytool fails
	 */
	public static TestCertificates create(Path dir) throws IOException {
		TestCertificates certificates = new TestCertificates(dir);
		certificates.make("server", "SAN=dns:localhost,ip:127.0.0.1");
		certificates.make("client", "SAN=dns:tango-client");
		certificates.make("stranger", "SAN=dns:localhost,ip:127.0.0.1");
		return certificates;
	}

	/** Returns the PKCS12 store holding a key and its certificate. */
	public Path store(String name) {
		return this.dir.resolve(name + ".p12");
	}

	/** Returns the PKCS12 store that trusts one certificate and holds no key. */
	public Path trustStore(String name) {
		return this.dir.resolve(name + "-trust.p12");
	}

	/** Returns the PEM file of a certificate. */
	public Path certificate(String name) {
		return this.dir.resolve(name + ".crt");
	}

	/** Returns the PEM file of a private key (PKCS#8). */
	public Path privateKey(String name) {
		return this.dir.resolve(name + ".key");
	}

	/**
	 * Returns a TLS context presenting one key and trusting one certificate.
	 * @param key the name of the key to present, or {@code null} for none
	 * @param trusted the name of the certificate to trust
	 * @return the context
	 */
	public SSLContext context(@Nullable String key, String trusted) {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			if (key != null) {
				keyStore = load(key);
			}
			keys.init(keyStore, PASSWORD.toCharArray());
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			try (InputStream in = Files.newInputStream(certificate(trusted))) {
				Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
				trustStore.setCertificateEntry(trusted, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private KeyStore load(String name) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store(name))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private void make(String name, String san) throws IOException {
		keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
				"-ext", san, "-validity", "2", "-keystore", store(name).toString(), "-storetype", "PKCS12",
				"-storepass", PASSWORD, "-keypass", PASSWORD);
		keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name).toString(), "-storepass", PASSWORD,
				"-file", certificate(name).toString());
		keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate(name).toString(), "-keystore",
				trustStore(name).toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
		try {
			byte[] key = load(name).getKey(name, PASSWORD.toCharArray()).getEncoded();
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key)
					+ "\n-----END PRIVATE KEY-----\n";
			Files.writeString(privateKey(name), pem, StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
