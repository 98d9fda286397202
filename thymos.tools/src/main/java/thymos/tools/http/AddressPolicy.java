package thymos.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which socket addresses {@code http_fetch} may connect to (T5.2). The default, {@link
 * #PUBLIC_ONLY}, admits public unicast addresses only. Tests substitute a policy that also admits
 * their own loopback server (T5.4); no configuration, writ or manifest can reach this type.
 */
@FunctionalInterface
interface AddressPolicy {

  /** Public unicast addresses only. */
  AddressPolicy PUBLIC_ONLY = (address, port) -> AddressPolicy.isPublic(address);

  /** Whether a connection to {@code address:port} is allowed. */
  boolean allows(InetAddress address, int port);

  /**
   * Whether {@code a} is public: not loopback, unspecified, private (RFC 1918), carrier-grade NAT,
   * link-local, unique- or site-local IPv6, multicast, broadcast, reserved or documentation, and
   * not an IPv4-mapped, -compatible, NAT64 or 6to4 form of such an address.
   */
  static boolean isPublic(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPublicV4(b);
    }
    if (!(a instanceof Inet6Address)) {
      return false;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    boolean zero10 = allZero(b, 0, 10);
    if (zero10 && allZero(b, 10, 12)) { // ::, ::1, and IPv4-compatible ::a.b.c.d
      return !allZero(b, 12, 15) && isPublicV4(Arrays.copyOfRange(b, 12, 16));
    }
    if (zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d
      return isPublicV4(Arrays.copyOfRange(b, 12, 16));
    }
    if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) { // 64:ff9b::/96
      return isPublicV4(Arrays.copyOfRange(b, 12, 16));
    }
    if (b0 == 0x20 && b1 == 0x02) { // 6to4 2002:a.b.c.d::/48
      return isPublicV4(Arrays.copyOfRange(b, 2, 6));
    }
    if ((b0 & 0xfe) == 0xfc // fc00::/7 unique local
        || b0 == 0xff // multicast
        || (b0 == 0xfe && (b1 & 0xc0) == 0x80) // fe80::/10 link-local
        || (b0 == 0xfe && (b1 & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
        || (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)) { // doc
      return false;
    }
    return (b0 & 0xe0) == 0x20; // 2000::/3 is the global unicast range
  }

  private static boolean isPublicV4(byte[] b) {
    int o0 = b[0] & 0xff;
    int o1 = b[1] & 0xff;
    int o2 = b[2] & 0xff;
    return !(o0 == 0 // this network, incl. 0.0.0.0
        || o0 == 10
        || (o0 == 100 && (o1 & 0xc0) == 64) // 100.64/10 carrier-grade NAT
        || o0 == 127
        || (o0 == 169 && o1 == 254) // link-local, incl. the metadata address 169.254.169.254
        || (o0 == 172 && (o1 & 0xf0) == 16)
        || (o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2)) // IETF protocol assignments, TEST-NET-1
        || (o0 == 192 && o1 == 168)
        || (o0 == 198 && (o1 & 0xfe) == 18) // benchmarking
        || (o0 == 198 && o1 == 51 && o2 == 100)
        || (o0 == 203 && o1 == 0 && o2 == 113)
        || o0 >= 224); // multicast, reserved, broadcast
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
