package thymos.tools.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses (T5.2); injectable so tests control DNS. */
@FunctionalInterface
interface Resolver {

  /** The platform resolver. */
  Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * Every address of {@code host} (a name, never a literal).
   *
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
