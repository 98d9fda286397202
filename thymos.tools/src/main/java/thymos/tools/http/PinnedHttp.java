package thymos.tools.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import thymos.api.spi.ToolFailure;

/**
 * One HTTP/1.1 GET to a checked {@link HttpGuard.Target}, over a socket opened to the checked
 * address itself (T5.2: no second resolution, no proxy), with TLS host-name verification and SNI
 * against the URL's host. The body is read up to the cap plus one byte, never further (T5.3).
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves the host itself and offers no way to
 * pin the address, so the checked address could differ from the connected one (DNS rebinding).
 */
final class PinnedHttp {

  private static final int MAX_HEAD = 64 * 1024;

  private PinnedHttp() {}

  /** A response: status, headers (lower-case names, last value wins), body, and whether cut. */
  record Response(int status, Map<String, String> headers, byte[] body, boolean truncated) {}

  /**
   * As {@link #get}, for any method with extra headers (name, value pairs already checked by the
   * caller: tokens and values without control characters) and a body ({@code Content-Length}
   * sent when non-empty). A {@code HEAD} response has no body.
   */
  static Response send(HttpGuard.Target t, String method, List<Map.Entry<String, String>> extra,
      byte[] payload, long maxBytes, int connectTimeoutMs, int readTimeoutMs) throws HttpRefusal {
    try (Socket raw = new Socket(Proxy.NO_PROXY)) {
      raw.connect(new InetSocketAddress(t.address(), t.port()), connectTimeoutMs);
      raw.setSoTimeout(readTimeoutMs);
      Socket s = t.https() ? tls(raw, t) : raw;
      try {
        OutputStream out = s.getOutputStream();
        out.write(request(t, method, extra, payload.length).getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload);
        out.flush();
        InputStream in = new BufferedInputStream(s.getInputStream());
        int status;
        Map<String, String> headers;
        do { // skip interim 1xx responses
          status = statusLine(line(in));
          headers = headers(in);
        } while (status >= 100 && status < 200);
        if (status / 100 == 3 || status == 204 || status == 304 || method.equals("HEAD")) {
          return new Response(status, headers, new byte[0], false);
        }
        return body(status, headers, in, maxBytes);
      } finally {
        s.close();
      }
    } catch (SocketTimeoutException e) {
      throw new HttpRefusal(ToolFailure.Kind.TIMEOUT, method + " " + t.uri() + " timed out: "
          + e.getMessage());
    } catch (IOException e) {
      throw new HttpRefusal(ToolFailure.Kind.TOOL_ERROR, method + " " + t.uri() + " (" + t.address()
          .getHostAddress() + "): " + e);
    }
  }

  private static Socket tls(Socket raw, HttpGuard.Target t) throws IOException {
    String name = t.host().startsWith("[") ? t.host().substring(1, t.host().length() - 1)
        : t.host();
    SSLSocket ssl;
    try { // the default context, read per call: the platform's trust store (a test may set it)
      ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory()
          .createSocket(raw, name, t.port(), true);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException("no TLS implementation: " + e, e);
    }
    SSLParameters p = ssl.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
    if (!Character.isDigit(name.charAt(name.length() - 1)) && !name.contains(":")) {
      p.setServerNames(List.of(new SNIHostName(name)));
    }
    ssl.setSSLParameters(p);
    ssl.startHandshake();
    return ssl;
  }

  private static String request(HttpGuard.Target t, String method,
      List<Map.Entry<String, String>> extra, int length) {
    String path = t.uri().getRawPath() == null || t.uri().getRawPath().isEmpty() ? "/"
        : t.uri().getRawPath();
    String query = t.uri().getRawQuery() == null ? "" : "?" + t.uri().getRawQuery();
    boolean defaultPort = t.port() == (t.https() ? 443 : 80);
    StringBuilder head = new StringBuilder(method + " " + path + query + " HTTP/1.1\r\n"
        + "Host: " + t.host() + (defaultPort ? "" : ":" + t.port()) + "\r\n"
        + "User-Agent: thymos-http-fetch/1\r\n"
        + "Accept-Encoding: identity\r\n"
        + "Connection: close\r\n");
    for (Map.Entry<String, String> h : extra) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (length > 0) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static Response body(int status, Map<String, String> headers, InputStream in,
      long maxBytes) throws IOException, HttpRefusal {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long limit = maxBytes + 1; // one byte past the cap tells that the body was cut
    String te = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    if (te.contains("chunked")) {
      while (body.size() < limit) {
        long size = chunkSize(line(in));
        if (size == 0) {
          break;
        }
        copy(in, body, Math.min(size, limit - body.size()), true);
        if (body.size() < limit) {
          line(in); // the CRLF after the chunk
        }
      }
    } else if (headers.containsKey("content-length")) {
      long length;
      try {
        length = Long.parseLong(headers.get("content-length").strip());
      } catch (NumberFormatException e) {
        throw bad("bad Content-Length \"" + headers.get("content-length") + "\"");
      }
      copy(in, body, Math.min(length, limit), true);
    } else {
      copy(in, body, limit, false);
    }
    byte[] bytes = body.toByteArray();
    boolean truncated = bytes.length > maxBytes;
    return new Response(status, headers, truncated
        ? java.util.Arrays.copyOf(bytes, (int) maxBytes) : bytes, truncated);
  }

  private static void copy(InputStream in, ByteArrayOutputStream to, long n, boolean exact)
      throws IOException, HttpRefusal {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        if (exact) {
          throw bad("the body ended early");
        }
        return;
      }
      to.write(buf, 0, r);
      n -= r;
    }
  }

  private static long chunkSize(String line) throws HttpRefusal {
    String hex = line.split(";", 2)[0].strip();
    try {
      long n = Long.parseLong(hex, 16);
      if (n < 0) {
        throw bad("negative chunk size");
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad("bad chunk size \"" + hex + "\"");
    }
  }

  private static int statusLine(String line) throws HttpRefusal {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
      throw bad("bad status line \"" + line + "\"");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw bad("bad status line \"" + line + "\"");
    }
  }

  private static Map<String, String> headers(InputStream in) throws IOException, HttpRefusal {
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      total += l.length();
      int colon = l.indexOf(':');
      if (colon <= 0 || total > MAX_HEAD) {
        throw bad(colon <= 0 ? "bad header line \"" + l + "\"" : "headers above 64 KiB");
      }
      headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).strip());
    }
    return headers;
  }

  /** One line without its CRLF (or LF), at most 64 KiB. */
  private static String line(InputStream in) throws IOException, HttpRefusal {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw bad("the connection closed inside the response head");
      }
      if (b.size() >= MAX_HEAD) {
        throw bad("a response line above 64 KiB");
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static HttpRefusal bad(String message) {
    return new HttpRefusal(ToolFailure.Kind.BAD_RESPONSE, message);
  }
}
