package dev.tango.api.answer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and verifies answer ids. An id is the base64url (unpadded) form of a payload (a
 * format byte, the cascade's name, the version, the answering tier, the predicted label's
 * index, the input's sha256 and the time in seconds) followed by the first 16 bytes of
 * its HMAC-SHA256 under the shared key. Whoever holds the key can make ids; everyone else
 * can neither make one nor change one without the check failing. Thread-safe.
 */
public final class AnswerIds {

	/** The fewest bytes of a key. */
	public static final int MIN_KEY_BYTES = 32;

	private static final byte FORMAT = 1;

	private static final int MAC_BYTES = 16;

	private static final int MAX_CASCADE_BYTES = 1024;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * Creates the signer.
	 * @param key the shared key, at least {@value #MIN_KEY_BYTES} bytes
	 */
	public AnswerIds(byte[] key) {
		if (key.length < MIN_KEY_BYTES) {
			throw new IllegalArgumentException(
					"An answer-id key needs at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
		}
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
	}

	/**
	 * Makes the id of an answer.
	 * @param answer the answer
	 * @return the id: URL-safe characters only
	 */
	public String sign(AnswerId answer) {
		byte[] cascade = answer.cascade().getBytes(StandardCharsets.UTF_8);
		ByteBuffer payload = ByteBuffer.allocate(1 + 2 + cascade.length + 4 + 2 + 4 + 32 + 8 + MAC_BYTES);
		payload.put(FORMAT)
			.putShort((short) cascade.length)
			.put(cascade)
			.putInt(answer.version())
			.putShort((short) answer.tier())
			.putInt(answer.labelIndex())
			.put(HexFormat.of().parseHex(answer.textSha256()))
			.putLong(answer.answeredAt().getEpochSecond());
		int length = payload.position();
		payload.put(mac(payload.array(), length), 0, MAC_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/**
	 * Reads an id back, if this key made it.
	 * @param id the id, as a client sent it
	 * @return what it says; empty if it is malformed or its check fails (made with
	 * another key, or changed)
	 */
	public Optional<AnswerId> verify(String id) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(id);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length <= MAC_BYTES || bytes[0] != FORMAT) {
			return Optional.empty();
		}
		int length = bytes.length - MAC_BYTES;
		byte[] expected = Arrays.copyOf(mac(bytes, length), MAC_BYTES);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, length, bytes.length))) {
			return Optional.empty();
		}
		try {
			ByteBuffer payload = ByteBuffer.wrap(bytes, 1, length - 1);
			int cascadeBytes = payload.getShort();
			if (cascadeBytes < 0 || cascadeBytes > MAX_CASCADE_BYTES) {
				return Optional.empty();
			}
			byte[] cascade = new byte[cascadeBytes];
			payload.get(cascade);
			int version = payload.getInt();
			int tier = payload.getShort();
			int label = payload.getInt();
			byte[] text = new byte[32];
			payload.get(text);
			long seconds = payload.getLong();
			if (payload.hasRemaining()) {
				return Optional.empty();
			}
			String name = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(cascade))
				.toString();
			return Optional.of(new AnswerId(name, version, tier, label, HexFormat.of().formatHex(text),
					Instant.ofEpochSecond(seconds)));
		}
		catch (BufferUnderflowException | CharacterCodingException | IllegalArgumentException
				| java.time.DateTimeException ex) {
			// Signed by this key yet unreadable: a key shared with something else.
			return Optional.empty();
		}
	}

	private byte[] mac(byte[] payload, int length) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(payload, 0, length);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
