package thymos.api.json;

/**
 * The size limits of E1.6, enforced by {@link Json#parse(byte[])} and by canonicalisation; each
 * breach is a {@link thymos.api.ProtocolViolation} with rule {@code E1.6}. Backends and tools may
 * set lower limits for their own inputs and must document them.
 */
public final class JsonLimits {

  /**
   * Most nested arrays and objects: the root container is level 1, so {@code [[1]]} has depth 2 and
   * scalars add no level (E1.6).
   */
  public static final int MAX_DEPTH = 64;

  /** Largest document in UTF-8 bytes: the text being parsed, or the canonical output (E1.6). */
  public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

  /**
   * Largest string value or member name, counted in UTF-8 bytes of the decoded value (escape
   * sequences count as the characters they stand for) (E1.6).
   */
  public static final int MAX_STRING_BYTES = 4 * 1024 * 1024;

  private JsonLimits() {}
}
