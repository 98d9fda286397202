package thymos.tools.http;

import java.util.List;
import java.util.Map;

/**
 * Test-only (T5.4): a {@link GuardedHttp} whose DNS is a table and whose address policy admits
 * public addresses plus one loopback port, for manifest tests in other packages of this module.
 * Lives in the test sources: production code and configuration cannot reach it.
 */
public final class LoopbackHttp {

  private LoopbackHttp() {}

  /** Admits {@code 127.0.0.1:port} besides public addresses; names resolve by {@code dns}. */
  public static GuardedHttp admitting(HttpSettings settings, int port,
      Map<String, List<String>> dns) {
    return new GuardedHttp(settings, HttpGuardTest.table(dns),
        (a, p) -> (a.isLoopbackAddress() && p == port) || AddressPolicy.PUBLIC_ONLY.allows(a, p));
  }

  /** The production policy (public only) with a DNS table, so no test needs real DNS. */
  public static GuardedHttp publicOnly(HttpSettings settings, Map<String, List<String>> dns) {
    return new GuardedHttp(settings, HttpGuardTest.table(dns), AddressPolicy.PUBLIC_ONLY);
  }
}
