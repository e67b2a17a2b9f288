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
 * One HTTP/1.1 connection over a raw socket, for requests no HTTP client would send:
 * slow, malformed, abandoned, or timed against the server's timeouts. Reads one response,
 * or until the server closes the connection or a deadline.
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

	/**
	 * Reads one response, its head and its body (by its length or its chunks), leaving
	 * the connection open.
	 * @param deadline the longest to wait for each read
	 * @return the response as text, or what came before the server closed the connection
	 */
	String readResponse(Duration deadline) throws IOException {
		this.socket.setSoTimeout((int) deadline.toMillis());
		InputStream in = this.socket.getInputStream();
		String head = readLine(in);
		StringBuilder text = new StringBuilder(head);
		long length = 0;
		boolean chunked = false;
		for (String line = head; !line.equals("\r\n") && !line.isEmpty();) {
			line = readLine(in);
			text.append(line);
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
		}
		if (!chunked) {
			text.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
			return text.toString();
		}
		for (long size = -1; size != 0;) {
			String sizeLine = readLine(in);
			size = sizeLine.isBlank() ? 0 : Long.parseLong(sizeLine.trim(), 16);
			text.append(new String(in.readNBytes((int) size), StandardCharsets.UTF_8));
			readLine(in);
		}
		return text.toString();
	}

	/**
	 * Tells whether the server has closed the connection, without sending anything.
	 * @param deadline the longest to wait for the close
	 * @return {@code true} if the connection ended (or was reset) within the deadline,
	 * {@code false} if it is still open and silent
	 */
	boolean closedByServer(Duration deadline) throws IOException {
		this.socket.setSoTimeout((int) deadline.toMillis());
		try {
			return this.socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0) {
			line.append((char) c);
			if (c == '\n') {
				break;
			}
		}
		return line.toString();
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
