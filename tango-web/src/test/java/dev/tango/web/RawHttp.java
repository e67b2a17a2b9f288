package dev.tango.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a raw socket, for requests no HTTP client would send: slow,
 * malformed, abandoned. Reads until the server closes the connection or a deadline.
 */
final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final long openedNanos = System.nanoTime();

	RawHttp(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setTcpNoDelay(true);
		this.out = this.socket.getOutputStream();
	}

	RawHttp send(String text) throws IOException {
		this.out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		return this;
	}

	/**
	 * Sends bytes one at a time, pausing between them, until the server closes the
	 * connection or all are sent.
	 * @return whether the server stopped accepting bytes before all were sent
	 */
	boolean dribble(int bytes, Duration pause) throws InterruptedException {
		for (int i = 0; i < bytes; i++) {
			try {
				this.out.write('a');
				this.out.flush();
			}
			catch (IOException ex) {
				return true;
			}
			Thread.sleep(pause);
		}
		return false;
	}

	/**
	 * Reads what the server sends until it closes the connection.
	 * @param deadline the longest to wait for the close
	 * @return the exchange; {@link Exchange#closed()} is false if the deadline came first
	 */
	Exchange readUntilClosed(Duration deadline) throws IOException {
		this.socket.setSoTimeout((int) deadline.toMillis());
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		InputStream in = this.socket.getInputStream();
		boolean closed;
		try {
			in.transferTo(received);
			closed = true;
		}
		catch (SocketTimeoutException ex) {
			closed = false;
		}
		catch (IOException ex) {
			// Reset by the server: closed as well.
			closed = true;
		}
		return new Exchange(received.toString(StandardCharsets.UTF_8), closed,
				Duration.ofNanos(System.nanoTime() - this.openedNanos));
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * What came back.
	 *
	 * @param text the response as text, head and body
	 * @param closed whether the server closed the connection
	 * @param elapsed from opening the connection to the close (or the deadline)
	 */
	record Exchange(String text, boolean closed, Duration elapsed) {

		int status() {
			return (this.text.length() >= 12) ? Integer.parseInt(this.text.substring(9, 12)) : -1;
		}

		String head() {
			int end = this.text.indexOf("\r\n\r\n");
			return ((end < 0) ? this.text : this.text.substring(0, end)).toLowerCase(Locale.ROOT);
		}

		String body() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? "" : this.text.substring(end + 4);
		}

	}

}
