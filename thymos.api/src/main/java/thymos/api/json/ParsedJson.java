package thymos.api.json;

import java.util.Objects;

/**
 * A document read strictly from UTF-8 bytes (E1.2, E1.6) together with whether those bytes are
 * exactly its canonical form (E1.1), found in the same pass instead of by writing the canonical
 * form and comparing (R2.1). For canonical bytes it also finds the byte range of a member value,
 * which is that value's own canonical form, so it can be hashed in place (E2).
 */
public final class ParsedJson {

  private final Json value;
  private final byte[] bytes;
  private final boolean canonical;

  ParsedJson(Json value, byte[] bytes, boolean canonical) {
    this.value = value;
    this.bytes = bytes;
    this.canonical = canonical;
  }

  /**
   * Parses like {@link Json#parse(byte[])} and notes whether {@code utf8} is canonical. The array
   * is kept, not copied: the caller must not change it while using the result.
   *
   * @throws thymos.api.ProtocolViolation exactly when {@link Json#parse(byte[])} throws
   */
  public static ParsedJson parse(byte[] utf8) {
    return StrictParser.parseNoting(utf8);
  }

  /** The value read. */
  public Json value() {
    return value;
  }

  /** Whether the bytes are exactly {@code value().canonicalBytes()} (E1.1). */
  public boolean canonical() {
    return canonical;
  }

  /** The bytes parsed (the caller's array, not a copy; do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * The range {@code [from, to)} of the bytes holding the value at the member path {@code names}
   * (each name a member of the object before it, starting at the root), or {@code null} when the
   * bytes are not canonical or the path does not lead to a value. In canonical bytes that range
   * is the value's canonical form.
   */
  public int[] memberSpan(String... names) {
    if (!canonical) {
      return null;
    }
    int from = 0;
    int to = bytes.length;
    Json at = value;
    for (String name : names) {
      if (!(at instanceof JsonObject o) || !o.members().containsKey(name)) {
        return null;
      }
      at = o.members().get(name);
      // An object knows where it was read; other values are found by scanning their parent.
      if (at instanceof JsonObject inner && inner.sortedMembers().sourceFrom() >= 0) {
        from = inner.sortedMembers().sourceFrom();
        to = inner.sortedMembers().sourceTo();
        continue;
      }
      int[] span = CanonicalScan.member(bytes, from, name);
      if (span == null) {
        return null;
      }
      from = span[0];
      to = span[1];
    }
    return new int[] {from, to};
  }

  @Override
  public String toString() {
    return "ParsedJson[canonical=" + canonical + ", " + Objects.toString(value) + "]";
  }
}
