package thymos.api.json;

/** RFC 8785 writer (E1.1). To be implemented. */
final class Canonicalizer {
  private Canonicalizer() {}

  static byte[] toBytes(Json value) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  static String toText(Json value) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
