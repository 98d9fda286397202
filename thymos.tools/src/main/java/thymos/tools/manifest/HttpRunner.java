package thymos.tools.manifest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;

/** Sends the request of an {@code http} manifest through the HTTP guard of T5 (T6.4). */
@FunctionalInterface
interface HttpRunner {

  /** One guarded request; see {@link thymos.tools.http.GuardedHttp#send}. */
  ToolOutcome send(String method, URI url, List<Map.Entry<String, String>> headers, byte[] body,
      List<String> allowedHosts, long timeoutMs, ToolContext.Cancellation cancellation);
}
