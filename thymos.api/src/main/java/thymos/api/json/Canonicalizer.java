package thymos.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import thymos.api.ProtocolViolation;

/**
 * RFC 8785 (JCS) writer (E1.1): no whitespace, members in {@link String#compareTo} order (the
 * order {@link JsonObject} keeps), strings escaped as ECMAScript {@code JSON.stringify} does,
 * numbers by {@link NumberFormatter}, UTF-8 out.
 *
 * <p>It refuses what {@link StrictParser} would refuse, so every canonical document parses back to
 * the same value: lone surrogates and integer-valued numbers with 2^53 ≤ |v| &lt; 1e21 (E1.2),
 * depth, string and document size beyond {@link JsonLimits} (E1.6). Output goes straight into a
 * growable byte array, kept per thread and reused, with an ASCII fast path: ledger replay
 * canonicalises every entry.
 */
final class Canonicalizer {

  /** Escape byte for each ASCII char: 0 = copy as is, 'u' = \\u00xx, else the letter after '\\'. */
  private static final byte[] ESCAPE = new byte[128];

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Above this many chars a string may exceed MAX_STRING_BYTES of UTF-8 (3 bytes per char). */
  private static final int STRING_CHARS_ALWAYS_OK = JsonLimits.MAX_STRING_BYTES / 3;

  /** Slack above the document limit: over-reserving a few bytes never refuses a legal document. */
  private static final int CAPACITY_LIMIT = JsonLimits.MAX_DOCUMENT_BYTES + 64;

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['\b'] = 'b';
    ESCAPE['\f'] = 'f';
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
    ESCAPE['\t'] = 't';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
  }

  /** Buffers kept per thread up to this size, so steady-state replay never regrows them. */
  private static final int RETAINED_BUFFER = 64 * 1024;

  private static final ThreadLocal<Canonicalizer> WRITERS =
      ThreadLocal.withInitial(Canonicalizer::new);

  private byte[] buf = new byte[4096];
  private int pos;

  // Path of the value being written: segment d (1..depth) is a member name or, if null, index[d].
  private final String[] names = new String[JsonLimits.MAX_DEPTH + 2];
  private final int[] indices = new int[JsonLimits.MAX_DEPTH + 2];
  private int depth;

  private Canonicalizer() {}

  /**
   * The canonical UTF-8 bytes of {@code value} (E1.1).
   *
   * @throws ProtocolViolation (E1.2, E1.6) naming the pointer of a value JSON text cannot carry
   */
  static byte[] toBytes(Json value) {
    Canonicalizer w = WRITERS.get();
    w.pos = 0;
    w.depth = 0;
    try {
      w.value(value);
      if (w.pos > JsonLimits.MAX_DOCUMENT_BYTES) {
        throw tooLarge(w.pos);
      }
      return Arrays.copyOf(w.buf, w.pos);
    } finally {
      if (w.buf.length > RETAINED_BUFFER) {
        w.buf = new byte[RETAINED_BUFFER];
      }
    }
  }

  /**
   * Whether {@code utf8} is exactly {@link #toBytes(Json) toBytes(value)}, compared in the
   * thread's buffer without copying it out (replay checks every stored entry, R2.1).
   *
   * @throws ProtocolViolation as {@link #toBytes(Json)}
   */
  static boolean matches(Json value, byte[] utf8) {
    Canonicalizer w = WRITERS.get();
    w.pos = 0;
    w.depth = 0;
    try {
      w.value(value);
      if (w.pos > JsonLimits.MAX_DOCUMENT_BYTES) {
        throw tooLarge(w.pos);
      }
      return Arrays.equals(w.buf, 0, w.pos, utf8, 0, utf8.length);
    } finally {
      if (w.buf.length > RETAINED_BUFFER) {
        w.buf = new byte[RETAINED_BUFFER];
      }
    }
  }

  /** As {@link #toBytes(Json)}, decoded to a string. */
  static String toText(Json value) {
    return new String(toBytes(value), StandardCharsets.UTF_8);
  }

  private void value(Json value) {
    // An instanceof chain, most frequent first: cheaper here than a pattern switch's type lookup.
    if (value instanceof JsonString s) {
      string(s.value(), false);
    } else if (value instanceof JsonObject o) {
      object(o);
    } else if (value instanceof JsonNumber n) {
      number(n.value());
    } else if (value instanceof JsonArray a) {
      array(a);
    } else if (value instanceof JsonBoolean b) {
      ascii(b.value() ? "true" : "false");
    } else {
      ascii("null");
    }
  }

  private void object(JsonObject o) {
    enter();
    ensure(2);
    buf[pos++] = '{';
    ObjectMembers members = o.sortedMembers();
    for (int i = 0, n = members.size(); i < n; i++) {
      if (i > 0) {
        ensure(1);
        buf[pos++] = ',';
      }
      String name = members.nameAt(i);
      string(name, true);
      ensure(1);
      buf[pos++] = ':';
      names[depth] = name;
      value(members.valueAt(i));
    }
    ensure(1);
    buf[pos++] = '}';
    depth--;
  }

  private void array(JsonArray a) {
    enter();
    ensure(2);
    buf[pos++] = '[';
    var elements = a.elements();
    names[depth] = null;
    for (int i = 0, n = elements.size(); i < n; i++) {
      if (i > 0) {
        ensure(1);
        buf[pos++] = ',';
      }
      indices[depth] = i;
      value(elements.get(i));
    }
    ensure(1);
    buf[pos++] = ']';
    depth--;
  }

  private void enter() {
    if (depth == JsonLimits.MAX_DEPTH) {
      throw new ProtocolViolation("E1.6", pointer(depth),
          "nesting deeper than " + JsonLimits.MAX_DEPTH + " levels");
    }
    depth++;
  }

  /**
   * Writes {@code s} quoted and escaped like {@code JSON.stringify}. A member name's errors name
   * the object holding it, since the name itself is what is broken.
   */
  private void string(String s, boolean memberName) {
    int len = s.length();
    if (len > STRING_CHARS_ALWAYS_OK) {
      checkStringSize(s, memberName);
    }
    // Invariant: room for every remaining char as one byte, plus the closing quote.
    ensure(len + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && ESCAPE[c] == 0) {
        b[p++] = (byte) c;
        continue;
      }
      pos = p;
      ensure(7 + (len - i)); // the widest escape (six bytes) plus the invariant
      b = buf;
      if (c < 0x80) {
        byte e = ESCAPE[c];
        b[p++] = '\\';
        b[p++] = e;
        if (e == 'u') {
          b[p++] = '0';
          b[p++] = '0';
          b[p++] = HEX[c >> 4];
          b[p++] = HEX[c & 0xF];
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        char low = i + 1 < len ? s.charAt(i + 1) : 0;
        if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
          throw new ProtocolViolation("E1.2", pointer(memberName ? depth - 1 : depth),
              String.format("lone surrogate U+%04X at char %d of a %s", (int) c, i,
                  memberName ? "member name" : "string"));
        }
        int cp = Character.toCodePoint(c, low);
        i++;
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      }
    }
    b[p++] = '"';
    pos = p;
  }

  private void checkStringSize(String s, boolean memberName) {
    long utf8 = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // A surrogate pair is 4 bytes: 2 for each half (lone ones are refused while writing).
      utf8 += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    if (utf8 > JsonLimits.MAX_STRING_BYTES) {
      throw new ProtocolViolation("E1.6", pointer(memberName ? depth - 1 : depth),
          (memberName ? "member name" : "string") + " of " + utf8 + " UTF-8 bytes exceeds "
              + JsonLimits.MAX_STRING_BYTES);
    }
  }

  private void number(double v) {
    if (NumberFormatter.isSmallInteger(v)) {
      writeLong((long) v);
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e21) {
      // Would print as an integer literal beyond 2^53-1, which no parser may accept (E1.2).
      throw new ProtocolViolation("E1.2", pointer(depth),
          "integer-valued number " + NumberFormatter.format(v)
              + " is beyond 2^53-1; its canonical form could not be read back");
    }
    ascii(NumberFormatter.format(v));
  }

  private void writeLong(long v) {
    ensure(20);
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    if (v < 10) {
      buf[pos++] = (byte) ('0' + v);
      return;
    }
    int digits = 0;
    for (long t = v; t != 0; t /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int p = end - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    pos = end;
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void ensure(int extra) {
    int needed = pos + extra;
    if (needed > buf.length) {
      if (needed > CAPACITY_LIMIT) {
        throw tooLarge(needed);
      }
      buf = Arrays.copyOf(buf, (int) Math.min(CAPACITY_LIMIT, Math.max(needed, 2L * buf.length)));
    }
  }

  private static ProtocolViolation tooLarge(int size) {
    return new ProtocolViolation("E1.6", "", "canonical document of at least " + size
        + " bytes exceeds " + JsonLimits.MAX_DOCUMENT_BYTES);
  }

  /** The JSON pointer of the value at {@code level} of the current path. */
  private String pointer(int level) {
    String out = "";
    for (int d = 1; d <= level; d++) {
      out = names[d] != null
          ? StrictObject.child(out, names[d])
          : StrictObject.child(out, indices[d]);
    }
    return out;
  }
}
