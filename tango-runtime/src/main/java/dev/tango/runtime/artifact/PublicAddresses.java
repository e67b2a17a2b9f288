package dev.tango.runtime.artifact;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Classifies the addresses that are not public unicast ones, the one rule for every
 * address Tango connects to on a model's behalf (artifact downloads, remote tiers):
 * loopback, link-local, cloud metadata, private, carrier-grade NAT, unique-local,
 * multicast, broadcast, unspecified and reserved ranges, including IPv4 addresses
 * embedded in IPv6 ones (mapped, compatible, NAT64, 6to4), which are judged by the
 * embedded address.
 */
public final class PublicAddresses {

	private PublicAddresses() {
	}

	/** Why an address is not public. */
	public enum NonPublic {

		/** {@code 0.0.0.0/8}, {@code ::}. */
		UNSPECIFIED("an unspecified address"),

		/** {@code 127.0.0.0/8}, {@code ::1}. */
		LOOPBACK("a loopback address"),

		/** A cloud instance metadata address, such as {@code 169.254.169.254}. */
		METADATA("a cloud metadata address"),

		/** {@code 169.254.0.0/16}, {@code fe80::/10}. */
		LINK_LOCAL("a link-local address"),

		/** {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, carrier-grade NAT. */
		PRIVATE("a private address"),

		/** {@code fc00::/7}. */
		UNIQUE_LOCAL("a unique-local address"),

		/** Multicast or broadcast. */
		MULTICAST("a multicast or broadcast address"),

		/** A reserved or documentation range, not routable on the internet. */
		RESERVED("a reserved address");

		private final String description;

		NonPublic(String description) {
			this.description = description;
		}

		/**
		 * Returns the class in words.
		 * @return such as {@code a loopback address}
		 */
		public String description() {
			return this.description;
		}

	}

	/**
	 * Says why an address is not public.
	 * @param address the address
	 * @return the reason, or {@code null} for a public unicast address
	 */
	public static @Nullable NonPublic classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return classifyV4(toInt(bytes, 0));
		}
		return classifyV6(bytes);
	}

	static @Nullable NonPublic classifyV4(int ip) {
		if (inRange(ip, 0x00000000, 8)) {
			return NonPublic.UNSPECIFIED;
		}
		if (inRange(ip, 0x7F000000, 8)) {
			return NonPublic.LOOPBACK;
		}
		if (ip == 0xA9FEA9FE /* 169.254.169.254 */ || ip == 0xA9FEAA02 /* 169.254.170.2 */
				|| ip == 0x646464C8 /* 100.100.100.200 */
				|| ip == 0xC00000C0 /* 192.0.0.192 */) {
			return NonPublic.METADATA;
		}
		if (inRange(ip, 0xA9FE0000, 16)) {
			return NonPublic.LINK_LOCAL;
		}
		if (inRange(ip, 0x0A000000, 8) || inRange(ip, 0xAC100000, 12) || inRange(ip, 0xC0A80000, 16)
				|| inRange(ip, 0x64400000, 10)) {
			return NonPublic.PRIVATE;
		}
		if (inRange(ip, 0xE0000000, 4) || ip == 0xFFFFFFFF) {
			return NonPublic.MULTICAST;
		}
		if (inRange(ip, 0xF0000000, 4) || inRange(ip, 0xC0000000, 24) || inRange(ip, 0xC0000200, 24)
				|| inRange(ip, 0xC6120000, 15) || inRange(ip, 0xC6336400, 24) || inRange(ip, 0xCB007100, 24)
				|| inRange(ip, 0xC0586300, 24)) {
			return NonPublic.RESERVED;
		}
		return null;
	}

	private static @Nullable NonPublic classifyV6(byte[] b) {
		boolean first12Zero = true;
		for (int i = 0; i < 12; i++) {
			first12Zero &= b[i] == 0;
		}
		int last4 = toInt(b, 12);
		if (first12Zero) {
			if (last4 == 0) {
				return NonPublic.UNSPECIFIED;
			}
			if (last4 == 1) {
				return NonPublic.LOOPBACK;
			}
			// IPv4-compatible (deprecated): judge the embedded address, refuse it anyway.
			NonPublic embedded = classifyV4(last4);
			return (embedded != null) ? embedded : NonPublic.RESERVED;
		}
		if (isMapped(b)) {
			return classifyV4(last4);
		}
		int first16 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
		int second16 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
		if (first16 == 0xFD00 && second16 == 0x0EC2 && allZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54) {
			return NonPublic.METADATA;
		}
		if ((first16 & 0xFFC0) == 0xFE80) {
			return NonPublic.LINK_LOCAL;
		}
		if ((first16 & 0xFFC0) == 0xFEC0) {
			return NonPublic.PRIVATE;
		}
		if ((first16 & 0xFE00) == 0xFC00) {
			return NonPublic.UNIQUE_LOCAL;
		}
		if ((first16 & 0xFF00) == 0xFF00) {
			return NonPublic.MULTICAST;
		}
		if (first16 == 0x0064 && second16 == 0xFF9B) {
			if (allZero(b, 4, 12)) {
				// NAT64: the embedded IPv4 address is where the packets go.
				return classifyV4(last4);
			}
			return NonPublic.PRIVATE;
		}
		if (first16 == 0x2002) {
			// 6to4: the embedded IPv4 address is where the packets go.
			return classifyV4(toInt(b, 2));
		}
		if ((first16 == 0x2001 && second16 == 0x0000) || (first16 == 0x2001 && second16 == 0x0DB8)
				|| (first16 == 0x0100 && allZero(b, 2, 8))) {
			return NonPublic.RESERVED;
		}
		return null;
	}

	private static boolean isMapped(byte[] b) {
		return allZero(b, 0, 10) && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
	}

	private static boolean allZero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static int toInt(byte[] b, int offset) {
		return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
				| (b[offset + 3] & 0xFF);
	}

	private static boolean inRange(int ip, int network, int prefix) {
		int mask = (prefix == 0) ? 0 : (int) (0xFFFFFFFFL << (32 - prefix));
		return (ip & mask) == (network & mask);
	}

}
