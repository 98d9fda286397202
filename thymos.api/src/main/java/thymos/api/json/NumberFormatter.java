package thymos.api.json;

import java.math.BigDecimal;

/**
 * ECMAScript {@code Number::toString(x)} for finite doubles, the number form RFC 8785 requires
 * (E1.1): integers without {@code ".0"}, plain notation for 1e-6 ≤ |x| &lt; 1e21, otherwise
 * {@code d.ddde+n} / {@code d.ddde-n} ({@code 1e+21}, {@code 1e-7}); {@code -0} prints {@code 0}.
 *
 * <p>The shortest round-tripping digits come from {@link Double#toString(double)}, which since
 * JDK 19 (JDK-4511638) picks the shortest decimal closest to the value, as ECMAScript does; only
 * the layout differs, plus one quirk handled in {@link #shortestDecimal}.
 */
final class NumberFormatter {

  /** 2^53: below it every integer-valued double prints as its exact digits. */
  private static final double TWO_POW_53 = 9007199254740992.0;

  private NumberFormatter() {}

  /**
   * The ECMAScript string form of {@code value}.
   *
   * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot carry
   */
  static String format(double value) {
    if (isSmallInteger(value)) {
      return Long.toString((long) value); // also folds -0.0 to "0"
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON numbers are finite: " + value);
    }
    StringBuilder out = new StringBuilder(26);
    layOut(value, out);
    return out.toString();
  }

  /** Whether {@code value} is an integer with |value| &lt; 2^53 (the fast path). */
  static boolean isSmallInteger(double value) {
    return value > -TWO_POW_53 && value < TWO_POW_53 && value == (long) value;
  }

  /** Appends the ECMAScript form of a finite {@code value} that is not a small integer. */
  private static void layOut(double value, StringBuilder out) {
    if (value < 0) {
      out.append('-');
      value = -value;
    }
    Decimal dec = shortestDecimal(value);
    String digits = dec.digits();
    int n = dec.n();
    int k = digits.length();
    if (k <= n && n <= 21) {
      out.append(digits).repeat('0', n - k);
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").repeat('0', -n).append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }

  /**
   * The ECMAScript decimal {@code 0.digits × 10^n}: {@code digits} has no leading or trailing
   * zeros and is as short as possible (ECMA-262 Number::toString step 5).
   */
  private record Decimal(String digits, int n) {}

  /** The shortest decimal that rounds to positive finite {@code v}, closest to it if several. */
  private static Decimal shortestDecimal(double v) {
    String java = Double.toString(v); // "123.45", "0.00123" or "1.2345E-7"
    int ePos = java.indexOf('E');
    int mEnd = ePos < 0 ? java.length() : ePos;
    int dot = java.indexOf('.');
    StringBuilder digits = new StringBuilder(20);
    digits.append(java, 0, dot).append(java, dot + 1, mEnd);
    int n = ePos < 0 ? dot : Integer.parseInt(java, ePos + 1, java.length(), 10) + 1;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++; // "0.00123": leading zeros move the exponent
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    Decimal shortest = new Decimal(digits.substring(lead, end), n - lead);
    if (shortest.digits().length() == 2 && v < Double.MIN_NORMAL) {
      // Java also weighs two-digit candidates when one digit would do (Double.toString javadoc,
      // "4.9E-324"); ECMAScript wants the fewest digits. Only coarse subnormals can hit this.
      Decimal one = oneDigit(v, shortest);
      if (one != null) {
        return one;
      }
    }
    return shortest;
  }

  /** A one-digit decimal that rounds to {@code v} (the closest if two do), else null. */
  private static Decimal oneDigit(double v, Decimal two) {
    int d = two.digits().charAt(0) - '0';
    BigDecimal exact = new BigDecimal(v);
    Decimal best = null;
    BigDecimal bestDistance = null;
    for (int c = d; c <= d + 1; c++) {
      BigDecimal candidate = BigDecimal.valueOf(c).scaleByPowerOfTen(two.n() - 1);
      if (Double.parseDouble(candidate.toString()) != v) {
        continue;
      }
      BigDecimal distance = candidate.subtract(exact).abs();
      int cmp = best == null ? -1 : distance.compareTo(bestDistance);
      if (cmp < 0 || (cmp == 0 && c % 2 == 0)) { // a tie goes to the even digit (ECMA-262 note)
        best = c == 10 ? new Decimal("1", two.n() + 1) : new Decimal(Integer.toString(c), two.n());
        bestDistance = distance;
      }
    }
    return best;
  }
}
