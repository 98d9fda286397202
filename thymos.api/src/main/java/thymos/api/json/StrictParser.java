package thymos.api.json;

/** Strict I-JSON parser (E1.2, E1.6). To be implemented. */
final class StrictParser {
  private StrictParser() {}

  static Json parse(byte[] utf8) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  static Json parse(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
