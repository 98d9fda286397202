package thymos.api.json;

/** ECMAScript Number-to-String (E1.1). To be implemented. */
final class NumberFormatter {
  private NumberFormatter() {}

  static String format(double value) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
