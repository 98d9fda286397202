package thymos.api.json;

import java.util.List;
import java.util.Map;

/**
 * An immutable I-JSON value (RFC 7493): the one representation of every document Thymos hashes,
 * signs or stores.
 *
 * <p>Values compare by content: objects ignore member order, numbers compare by their IEEE-754
 * value ({@code 1.0} equals {@code 1}, E1.3). {@link #parse(byte[])} reads text strictly (E1.2,
 * E1.6) and {@link #canonicalBytes()} writes RFC 8785 (E1.1).
 */
public sealed interface Json
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /**
   * Parses UTF-8 JSON text strictly: I-JSON only (no duplicate member names, no lone surrogates,
   * no integers beyond 2^53−1, every number a finite double), at most 64 levels deep, a document
   * of at most 8 MiB and strings of at most 4 MiB (E1.2, E1.6). Trailing content is refused.
   *
   * @throws thymos.api.ProtocolViolation naming the JSON pointer of the offending value
   */
  static Json parse(byte[] utf8) {
    return StrictParser.parse(utf8);
  }

  /** As {@link #parse(byte[])}, for text already decoded. */
  static Json parse(String text) {
    return StrictParser.parse(text);
  }

  /** The RFC 8785 canonical form of this value as UTF-8 bytes (E1.1). */
  default byte[] canonicalBytes() {
    return Canonicalizer.toBytes(this);
  }

  /**
   * Whether {@code utf8} is exactly {@link #canonicalBytes()} (E1.1); cheaper than comparing with
   * a fresh copy, for checking that stored bytes are canonical (R2.1).
   *
   * @throws thymos.api.ProtocolViolation if this value cannot be canonicalised (E1)
   */
  default boolean hasCanonicalBytes(byte[] utf8) {
    return Canonicalizer.matches(this, utf8);
  }

  /** The RFC 8785 canonical form of this value as a string (E1.1). */
  default String canonicalString() {
    return Canonicalizer.toText(this);
  }

  /** The JSON type name used in error messages: object, array, string, number, boolean, null. */
  String typeName();

  /** An object with the given members (copied; iteration is in canonical member order). */
  static JsonObject object(Map<String, ? extends Json> members) {
    // The object copies the members into its own sorted arrays (refusing nulls).
    return new JsonObject(java.util.Collections.unmodifiableMap(members));
  }

  /** An array of the given elements (copied). */
  static JsonArray array(List<? extends Json> elements) {
    return new JsonArray(List.copyOf(elements));
  }

  /** A string value. */
  static JsonString string(String value) {
    return new JsonString(value);
  }

  /** An integer value; must lie within ±(2^53−1) (E1.3). */
  static JsonNumber integer(long value) {
    return JsonNumber.ofLong(value);
  }

  /** A boolean value. */
  static JsonBoolean bool(boolean value) {
    return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
  }

  /** The null value (only inside free-form values, E1.4). */
  static JsonNull nullValue() {
    return JsonNull.INSTANCE;
  }
}
