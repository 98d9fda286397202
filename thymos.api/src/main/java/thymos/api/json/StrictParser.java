package thymos.api.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeMap;
import thymos.api.ProtocolViolation;

/**
 * Strict I-JSON reader (E1.2, E1.6) over UTF-8 bytes. Every refusal is a {@link ProtocolViolation}
 * naming the JSON pointer of the offending value: rule E1.2 for malformed text, invalid UTF-8, a
 * byte order mark, trailing content, duplicate member names, lone surrogates (raw or escaped),
 * integer literals beyond 2^53−1, numbers that overflow, and fraction/exponent numbers whose value
 * is an integer with 2^53 ≤ |v| &lt; 1e21 (its canonical form would be an integer literal beyond
 * 2^53−1); rule E1.6 for the {@link JsonLimits}.
 *
 * <p>A hand-written recursive-descent parser rather than Jackson's: it checks UTF-8, surrogates,
 * number literals and limits in the one pass that decodes them, and knows the pointer of every
 * value it reads. Pointers cost nothing until an error: the path is kept as one array slot a level.
 * A problem in a member name (malformed, lone surrogate, too long) names the object holding it.
 */
final class StrictParser {

  private static final long MAX_SAFE = JsonNumber.MAX_SAFE_INTEGER;
  private static final double TWO_POW_53 = 9007199254740992.0;

  /** Powers of ten that doubles hold exactly: one IEEE operation with them rounds correctly. */
  private static final double[] EXACT_POW10 = new double[23];

  static {
    EXACT_POW10[0] = 1;
    for (int i = 1; i < EXACT_POW10.length; i++) {
      EXACT_POW10[i] = EXACT_POW10[i - 1] * 10;
    }
  }

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final byte[] in;
  private final int end;
  private int pos;

  // Path of the value being read: segment d (1..depth) is a member name or, if null, indices[d].
  // These arrays and the scratch below grow on demand and come from the thread's Scratch.
  private String[] names;
  private int[] indices;
  private int depth;
  // One member builder per level, reused by the objects read at that level (freezing copies).
  private SortedMembers[] builders;

  private char[] chars; // scratch for strings needing decoding

  /** This thread's arrays while this parser holds them, else null (they are then its own). */
  private final Scratch scratch;

  /**
   * The growable arrays of a parser, kept per thread between documents: replay parses many
   * thousands a second on each thread, and allocating (and regrowing) these for every entry was
   * about a tenth of its allocation. A parser takes them only when no other parser on the thread
   * holds them, and hands back what it grew.
   */
  private static final class Scratch {
    String[] names = new String[16];
    int[] indices = new int[16];
    SortedMembers[] builders = new SortedMembers[16];
    char[] chars = new char[64];
    boolean inUse;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Whether everything read so far is in RFC 8785 form (E1.1): no whitespace, members in
   * increasing UTF-16 order, only the escapes JCS writes, numbers as ECMAScript prints them.
   */
  private boolean canonical = true;

  private StrictParser(byte[] in) {
    this.in = in;
    this.end = in.length;
    Scratch s = SCRATCH.get();
    if (s.inUse) {
      this.scratch = null;
      this.names = new String[8];
      this.indices = new int[8];
      this.builders = new SortedMembers[8];
      this.chars = new char[0];
    } else {
      s.inUse = true;
      this.scratch = s;
      this.names = s.names;
      this.indices = s.indices;
      this.builders = s.builders;
      this.chars = s.chars;
    }
  }

  /** Hands the thread's arrays back, with whatever they grew to. */
  private void release() {
    Scratch s = scratch;
    if (s != null) {
      s.names = names;
      s.indices = indices;
      s.builders = builders;
      s.chars = chars;
      s.inUse = false;
    }
  }

  /**
   * Parses one JSON document from UTF-8 bytes (E1.2, E1.6).
   *
   * @throws ProtocolViolation naming the pointer of the offending value
   */
  static Json parse(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > JsonLimits.MAX_DOCUMENT_BYTES) {
      throw new ProtocolViolation("E1.6", "", "document of " + utf8.length
          + " bytes exceeds " + JsonLimits.MAX_DOCUMENT_BYTES);
    }
    StrictParser parser = new StrictParser(utf8);
    try {
      return parser.document();
    } finally {
      parser.release();
    }
  }

  /**
   * As {@link #parse(byte[])}, also noting whether {@code utf8} is exactly the canonical form
   * (E1.1) of the value, without writing that form.
   */
  static ParsedJson parseNoting(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > JsonLimits.MAX_DOCUMENT_BYTES) {
      throw new ProtocolViolation("E1.6", "", "document of " + utf8.length
          + " bytes exceeds " + JsonLimits.MAX_DOCUMENT_BYTES);
    }
    StrictParser parser = new StrictParser(utf8);
    try {
      Json value = parser.document();
      return new ParsedJson(value, utf8, parser.canonical);
    } finally {
      parser.release();
    }
  }

  /**
   * Parses a document already decoded; its size is counted in UTF-8 bytes. A lone surrogate in
   * {@code text} is refused like one in bytes: it is encoded as the (invalid) three-byte UTF-8 of
   * a surrogate, which the byte parser reports with the pointer of its string.
   */
  static Json parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > JsonLimits.MAX_DOCUMENT_BYTES) { // every char is at least one byte
      throw new ProtocolViolation("E1.6", "", "document of at least " + text.length()
          + " bytes exceeds " + JsonLimits.MAX_DOCUMENT_BYTES);
    }
    return parse(encodeKeepingSurrogates(text));
  }

  /** UTF-8, except that a lone surrogate becomes its 3-byte form instead of '?'. */
  private static byte[] encodeKeepingSurrogates(String s) {
    int n = s.length();
    byte[] out = new byte[n];
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      out[i] = (byte) c;
    }
    if (i == n) {
      return out;
    }
    out = Arrays.copyOf(out, i + (n - i) * 3); // 3 bytes a char at most (a pair: 4 for 2 chars)
    int p = i;
    for (; i < n; i++) {
      int c = s.charAt(i);
      if (Character.isHighSurrogate((char) c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, s.charAt(++i));
      }
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[p++] = (byte) (0xF0 | (c >> 18));
        out[p++] = (byte) (0x80 | ((c >> 12) & 0x3F));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return Arrays.copyOf(out, p);
  }

  private Json document() {
    if (end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
      throw new ProtocolViolation("E1.2", "", "byte order mark at start of document");
    }
    skipWhitespace();
    Json value = value();
    skipWhitespace();
    if (pos != end) {
      throw new ProtocolViolation("E1.2", "", "trailing content at byte " + pos + ": "
          + describe(in[pos]));
    }
    return value;
  }

  private Json value() {
    if (pos >= end) {
      throw malformed(depth, "unexpected end of input, expected a value");
    }
    byte b = in[pos];
    return switch (b) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> new JsonString(string(false));
      case 't' -> literal("true", JsonBoolean.TRUE);
      case 'f' -> literal("false", JsonBoolean.FALSE);
      case 'n' -> literal("null", JsonNull.INSTANCE);
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
      default -> throw malformed(depth, "expected a value, found " + describe(b));
    };
  }

  private JsonObject object() {
    enter();
    int start = pos++; // '{'
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      depth--;
      return JsonObject.EMPTY;
    }
    // Names in increasing order (canonical text) are appended; the first one out of order moves
    // everything to a TreeMap, which then also finds duplicates.
    SortedMembers inOrder = builders[depth] == null
        ? (builders[depth] = new SortedMembers()) : builders[depth].clear();
    TreeMap<String, Json> members = null;
    while (true) {
      if (pos >= end || in[pos] != '"') {
        throw malformed(depth - 1, "expected a member name, found " + found());
      }
      String name = string(true);
      skipWhitespace();
      if (pos >= end || in[pos] != ':') {
        throw malformed(depth - 1, "expected ':' after member name, found " + found());
      }
      pos++;
      skipWhitespace();
      names[depth] = name;
      if (members == null && inOrder.accepts(name)) {
        inOrder.append(name, value());
      } else {
        if (members == null) {
          members = inOrder.toTreeMap();
          canonical = false;
        }
        if (members.put(name, value()) != null) {
          throw new ProtocolViolation("E1.2", pointer(depth), "duplicate member name \"" + name
              + "\" (compared after unescaping)");
        }
      }
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
        skipWhitespace();
      } else if (pos < end && in[pos] == '}') {
        pos++;
        break;
      } else {
        throw malformed(depth - 1, "expected ',' or '}' in object, found " + found());
      }
    }
    depth--;
    return new JsonObject(members == null ? inOrder.freeze(start, pos) : members);
  }

  private JsonArray array() {
    enter();
    pos++; // '['
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      depth--;
      return JsonArray.EMPTY;
    }
    ArrayList<Json> elements = new ArrayList<>();
    names[depth] = null;
    while (true) {
      indices[depth] = elements.size();
      elements.add(value());
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
        skipWhitespace();
      } else if (pos < end && in[pos] == ']') {
        pos++;
        break;
      } else {
        throw malformed(depth - 1, "expected ',' or ']' in array, found " + found());
      }
    }
    depth--;
    return new JsonArray(elements);
  }

  private void enter() {
    if (depth == JsonLimits.MAX_DEPTH) {
      throw new ProtocolViolation("E1.6", pointer(depth),
          "nesting deeper than " + JsonLimits.MAX_DEPTH + " levels at byte " + pos);
    }
    depth++;
    if (depth == names.length) {
      int n = Math.min(2 * names.length, JsonLimits.MAX_DEPTH + 2);
      names = Arrays.copyOf(names, n);
      indices = Arrays.copyOf(indices, n);
      builders = Arrays.copyOf(builders, n);
    }
  }

  private Json literal(String word, Json value) {
    int n = word.length();
    if (end - pos < n) {
      throw malformed(depth, "expected " + word + ", found " + found());
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw malformed(depth, "expected " + word + ", found " + describe(in[pos + i])
            + " at byte " + (pos + i));
      }
    }
    pos += n;
    return value;
  }

  // ---- strings ----

  /** Reads a string at {@code pos} (on its opening quote); checks UTF-8, surrogates and size. */
  private String string(boolean memberName) {
    int start = ++pos;
    int p = start;
    // Eight bytes at a time up to the first special byte; the byte loop below decides on it.
    while (p + 8 <= end) {
      long special = specialBytes((long) LE_LONG.get(in, p));
      if (special != 0) {
        p += Long.numberOfTrailingZeros(special) >>> 3;
        break;
      }
      p += 8;
    }
    // Fast path: printable ASCII without escapes (negative bytes are non-ASCII, so also < 0x20).
    while (p < end) {
      byte b = in[p];
      if (b == '"') {
        pos = p + 1;
        checkStringSize(p - start, memberName);
        return new String(in, start, p - start, StandardCharsets.ISO_8859_1);
      }
      if (b < 0x20 || b == '\\') {
        break;
      }
      p++;
    }
    return decodeString(start, p, memberName);
  }

  /**
   * The high bit of each of the eight bytes in {@code w} (little-endian) that ends the fast path
   * of {@link #string}: a quote, a backslash, a control character or a non-ASCII byte. A borrow
   * may flag a byte above a true match, never below, so the lowest flag is the first such byte.
   */
  private static long specialBytes(long w) {
    long quote = w ^ 0x2222222222222222L;
    long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
    return (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
        | ((w - 0x2020202020202020L) & ~w) | w) & HIGH_BITS;
  }

  /** The general case: bytes {@code start..p} are plain ASCII already checked. */
  private String decodeString(int start, int p, boolean memberName) {
    int level = memberName ? depth - 1 : depth;
    int n = p - start;
    ensureChars(n + 16);
    for (int i = 0; i < n; i++) {
      chars[i] = (char) in[start + i];
    }
    long utf8 = n;
    while (true) {
      if (p >= end) {
        throw malformed(level, "unterminated string starting at byte " + (start - 1));
      }
      ensureChars(n + 2);
      int b = in[p];
      if (b == '"') {
        pos = p + 1;
        checkStringSize(utf8, memberName);
        return new String(chars, 0, n);
      }
      if (b == '\\') {
        if (p + 1 >= end) {
          throw malformed(level, "unterminated escape at byte " + p);
        }
        byte e = in[p + 1];
        char c;
        switch (e) {
          case '"' -> c = '"';
          case '\\' -> c = '\\';
          case '/' -> c = '/';
          case 'b' -> c = '\b';
          case 'f' -> c = '\f';
          case 'n' -> c = '\n';
          case 'r' -> c = '\r';
          case 't' -> c = '\t';
          case 'u' -> c = 0;
          default -> throw malformed(level,
              "invalid escape \\" + (char) (e & 0xFF) + " at byte " + p);
        }
        if (e == '/') {
          canonical = false; // JCS writes '/' as is
        }
        if (e != 'u') {
          chars[n++] = c;
          utf8++;
          p += 2;
          continue;
        }
        c = hex4(p + 2, level);
        if (canonical && !isCanonicalUnicodeEscape(c, p)) {
          canonical = false;
        }
        if (Character.isLowSurrogate(c)) {
          throw loneSurrogate(level, c, p);
        }
        if (Character.isHighSurrogate(c)) {
          char low = p + 12 <= end && in[p + 6] == '\\' && in[p + 7] == 'u'
              ? hex4(p + 8, level) : 0;
          if (!Character.isLowSurrogate(low)) {
            throw loneSurrogate(level, c, p);
          }
          chars[n++] = c;
          chars[n++] = low;
          utf8 += 4;
          p += 12;
        } else {
          chars[n++] = c;
          utf8 += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
          p += 6;
        }
        continue;
      }
      if (b >= 0x20) {
        chars[n++] = (char) b;
        utf8++;
        p++;
        continue;
      }
      if (b >= 0) {
        throw malformed(level, String.format(
            "control character U+%04X must be escaped in a string, at byte %d", b, p));
      }
      int len = utf8Sequence(p, level);
      int cp = decodeUtf8(p, len);
      if (len == 4) {
        chars[n++] = Character.highSurrogate(cp);
        chars[n++] = Character.lowSurrogate(cp);
      } else {
        chars[n++] = (char) cp;
      }
      utf8 += len;
      p += len;
    }
  }

  /**
   * Whether the six-byte u-escape at {@code p} of {@code c} is how JCS writes {@code c}: only
   * control characters without a short escape get one, with lower-case hex.
   */
  private boolean isCanonicalUnicodeEscape(char c, int p) {
    if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      return false;
    }
    for (int i = p + 2; i < p + 6; i++) {
      if (in[i] >= 'A' && in[i] <= 'F') {
        return false;
      }
    }
    return true;
  }

  /**
   * The length of the well-formed UTF-8 sequence at {@code p} (Unicode table 3-7), refusing
   * overlong forms, code points above U+10FFFF and encoded surrogates.
   */
  private int utf8Sequence(int p, int level) {
    int b0 = in[p] & 0xFF;
    int len;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) {
        lo = 0xA0;
      } else if (b0 == 0xED) {
        if (p + 1 < end && (in[p + 1] & 0xFF) >= 0xA0 && (in[p + 1] & 0xFF) <= 0xBF) {
          // A UTF-8-encoded surrogate: lone in valid text, and never a legal byte sequence.
          char c = (char) (0xD000 | ((in[p + 1] & 0x3F) << 6)
              | (p + 2 < end ? in[p + 2] & 0x3F : 0));
          throw loneSurrogate(level, c, p);
        }
        hi = 0x9F;
      }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) {
        lo = 0x90;
      } else if (b0 == 0xF4) {
        hi = 0x8F;
      }
    } else {
      throw invalidUtf8(level, p);
    }
    if (p + len > end) {
      throw invalidUtf8(level, p);
    }
    int b1 = in[p + 1] & 0xFF;
    if (b1 < lo || b1 > hi) {
      throw invalidUtf8(level, p);
    }
    for (int i = 2; i < len; i++) {
      int b = in[p + i] & 0xFF;
      if (b < 0x80 || b > 0xBF) {
        throw invalidUtf8(level, p);
      }
    }
    return len;
  }

  private int decodeUtf8(int p, int len) {
    int b0 = in[p] & 0xFF;
    return switch (len) {
      case 2 -> ((b0 & 0x1F) << 6) | (in[p + 1] & 0x3F);
      case 3 -> ((b0 & 0x0F) << 12) | ((in[p + 1] & 0x3F) << 6) | (in[p + 2] & 0x3F);
      default -> ((b0 & 0x07) << 18) | ((in[p + 1] & 0x3F) << 12) | ((in[p + 2] & 0x3F) << 6)
          | (in[p + 3] & 0x3F);
    };
  }

  private char hex4(int p, int level) {
    if (p + 4 > end) {
      throw malformed(level, "truncated \\u escape at byte " + (p - 2));
    }
    int v = 0;
    for (int i = p; i < p + 4; i++) {
      int d = Character.digit(in[i], 16);
      if (d < 0 || in[i] < 0) {
        throw malformed(level,
            "invalid hex digit " + describe(in[i]) + " in \\u escape at byte " + i);
      }
      v = (v << 4) | d;
    }
    return (char) v;
  }

  private void ensureChars(int needed) {
    if (needed > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(needed, Math.max(64, chars.length * 2)));
    }
  }

  private void checkStringSize(long utf8Bytes, boolean memberName) {
    if (utf8Bytes > JsonLimits.MAX_STRING_BYTES) {
      throw new ProtocolViolation("E1.6", pointer(memberName ? depth - 1 : depth),
          (memberName ? "member name" : "string") + " of " + utf8Bytes + " UTF-8 bytes exceeds "
              + JsonLimits.MAX_STRING_BYTES);
    }
  }

  // ---- numbers ----

  /**
   * Reads {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} (RFC 8259) as an I-JSON number.
   */
  private JsonNumber number() {
    int start = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    int intStart = pos;
    if (pos >= end || !isDigit(in[pos])) {
      throw malformed(depth, "expected a digit at byte " + pos + ", found " + found());
    }
    if (in[pos] == '0') {
      pos++;
      if (pos < end && isDigit(in[pos])) {
        throw malformed(depth, "leading zero in number at byte " + start);
      }
    } else {
      while (pos < end && isDigit(in[pos])) {
        pos++;
      }
    }
    int intEnd = pos;
    int fracEnd = pos;
    boolean plainInteger = true;
    if (pos < end && in[pos] == '.') {
      plainInteger = false;
      pos++;
      requireDigits("fraction", start);
      fracEnd = pos;
    }
    int expStart = -1;
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      plainInteger = false;
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      expStart = pos;
      requireDigits("exponent", start);
    }
    if (plainInteger) {
      // Refused rather than rounded (E1.2). Up to 18 digits fit a long; more are too big anyway.
      long v = intEnd - intStart <= 18 ? digitsToLong(intStart, intEnd) : Long.MAX_VALUE;
      if (v > MAX_SAFE) {
        throw new ProtocolViolation("E1.2", pointer(depth), "integer " + abbreviated(start)
            + " is beyond 2^53-1; it is refused, not rounded");
      }
      if (negative && v == 0) {
        canonical = false; // -0 is written 0
      }
      return new JsonNumber(negative ? -v : v);
    }
    double d = fastDecimal(intStart, intEnd, fracEnd, expStart, negative);
    if (Double.isNaN(d)) {
      d = Double.parseDouble(ascii(start, pos));
    }
    if (Double.isInfinite(d)) {
      throw new ProtocolViolation("E1.2", pointer(depth), "number " + abbreviated(start)
          + " overflows an IEEE-754 double");
    }
    if (d == Math.rint(d) && Math.abs(d) >= TWO_POW_53 && Math.abs(d) < 1e21) {
      throw new ProtocolViolation("E1.2", pointer(depth), "number " + abbreviated(start)
          + " is the integer " + NumberFormatter.format(d) + ", beyond 2^53-1; its canonical form"
          + " would be an integer literal no strict parser accepts");
    }
    if (canonical && !NumberFormatter.format(d).equals(ascii(start, pos))) {
      canonical = false;
    }
    return new JsonNumber(d);
  }

  /**
   * Clinger's fast path: with at most 15 significant digits and a power of ten doubles hold
   * exactly, one multiplication or division is correctly rounded. NaN when it does not apply.
   */
  private double fastDecimal(int intStart, int intEnd, int fracEnd, int expStart,
      boolean negative) {
    int fracStart = intEnd + 1;
    int fracDigits = fracEnd > intEnd ? fracEnd - fracStart : 0;
    if (intEnd - intStart + fracDigits > 15) {
      return Double.NaN;
    }
    long m = digitsToLong(intStart, intEnd);
    for (int i = fracStart; i < fracStart + fracDigits; i++) {
      m = m * 10 + (in[i] - '0');
    }
    int exp = -fracDigits;
    if (expStart >= 0) {
      if (pos - expStart > 3) {
        return Double.NaN;
      }
      int e = (int) digitsToLong(expStart, pos);
      exp += in[expStart - 1] == '-' ? -e : e;
    }
    if (exp < -22 || exp > 22) {
      return Double.NaN;
    }
    double d = exp < 0 ? m / EXACT_POW10[-exp] : m * EXACT_POW10[exp];
    return negative ? -d : d;
  }

  private void requireDigits(String part, int numberStart) {
    if (pos >= end || !isDigit(in[pos])) {
      throw malformed(depth, "expected a digit in the " + part + " of the number at byte "
          + numberStart + ", found " + found());
    }
    while (pos < end && isDigit(in[pos])) {
      pos++;
    }
  }

  private long digitsToLong(int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (in[i] - '0');
    }
    return v;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  // ---- helpers ----

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      canonical = false;
      pos++;
    }
  }

  private String ascii(int from, int to) {
    return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private String abbreviated(int start) {
    return pos - start > 40 ? ascii(start, start + 40) + "..." : ascii(start, pos);
  }

  private String found() {
    return pos >= end ? "end of input" : describe(in[pos]) + " at byte " + pos;
  }

  private static String describe(byte b) {
    return b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xFF);
  }

  private ProtocolViolation malformed(int level, String detail) {
    return new ProtocolViolation("E1.2", pointer(level), "malformed JSON: " + detail);
  }

  private ProtocolViolation invalidUtf8(int level, int p) {
    return new ProtocolViolation("E1.2", pointer(level), String.format(
        "invalid UTF-8 byte 0x%02X at byte %d", in[p] & 0xFF, p));
  }

  private ProtocolViolation loneSurrogate(int level, char c, int p) {
    return new ProtocolViolation("E1.2", pointer(level), String.format(
        "lone surrogate U+%04X at byte %d (I-JSON text is valid Unicode)", (int) c, p));
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
