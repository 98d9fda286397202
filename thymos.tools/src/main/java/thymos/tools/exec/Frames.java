package thymos.tools.exec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonLimits;
import thymos.api.json.JsonObject;

/**
 * The worker's framing (T4.1, docs/worker-protocol.md): a 4-byte big-endian length, then that many
 * bytes of UTF-8 JSON holding one object, parsed with the strict parser (E1.2). Frames larger
 * than {@link #MAX_FRAME_BYTES} are refused before their body is read.
 */
final class Frames {

  /** The largest frame body: the strict parser's document limit, 8 MiB (E1.6). */
  static final int MAX_FRAME_BYTES = JsonLimits.MAX_DOCUMENT_BYTES;

  private Frames() {}

  /** A frame that is not a length-prefixed JSON object within the cap. */
  static final class MalformedFrame extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedFrame(String message) {
      super(message);
    }
  }

  /** Writes {@code o} as one frame and flushes. */
  static void write(OutputStream out, JsonObject o) throws IOException {
    byte[] body = o.canonicalBytes();
    if (body.length > MAX_FRAME_BYTES) {
      throw new IOException("frame of " + body.length + " bytes exceeds " + MAX_FRAME_BYTES);
    }
    int n = body.length;
    out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    out.write(body);
    out.flush();
  }

  /**
   * Reads one frame.
   *
   * @return the object, or empty at a clean end of stream (before the first length byte)
   * @throws MalformedFrame for a cut header or body, a length above the cap, or a body that is
   *     not one strict JSON object
   * @throws IOException when reading fails
   */
  static Optional<JsonObject> read(InputStream in) throws IOException, MalformedFrame {
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    byte[] rest = new byte[3];
    try {
      readFully(in, rest);
    } catch (EOFException e) {
      throw new MalformedFrame("the stream ended inside a frame header");
    }
    long n = ((long) first << 24) | ((rest[0] & 0xffL) << 16) | ((rest[1] & 0xffL) << 8)
        | (rest[2] & 0xffL);
    if (n > MAX_FRAME_BYTES) {
      throw new MalformedFrame("frame length " + n + " exceeds " + MAX_FRAME_BYTES);
    }
    byte[] body = new byte[(int) n];
    try {
      readFully(in, body);
    } catch (EOFException e) {
      throw new MalformedFrame("the stream ended inside a frame of " + n + " bytes");
    }
    Json value;
    try {
      value = Json.parse(body);
    } catch (RuntimeException e) { // ProtocolViolation, or anything else the parser throws
      throw new MalformedFrame("frame is not strict JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject o)) {
      throw new MalformedFrame("frame holds a JSON " + value.typeName() + ", not an object");
    }
    return Optional.of(o);
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    int off = 0;
    while (off < into.length) {
      int r = in.read(into, off, into.length - off);
      if (r < 0) {
        throw new EOFException();
      }
      off += r;
    }
  }
}
