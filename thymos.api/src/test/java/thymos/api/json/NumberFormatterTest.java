package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ECMAScript Number::toString (E1.1) on hand-picked edges, beside the ES6 vector file. */
class NumberFormatterTest {

  @ParameterizedTest(name = "required_E1_1 {0} -> {1}")
  @CsvSource({
      "0, 0",
      "-0.0, 0",
      "1, 1",
      "-1, -1",
      "100, 100",
      "56.0, 56",
      "0.1, 0.1",
      "4.50, 4.5",
      "2e-3, 0.002",
      "0.000001, 0.000001",
      "1e-7, 1e-7",
      "1.5e-7, 1.5e-7",
      "123e-20, 1.23e-18",
      "1e21, 1e+21",
      "999999999999999900000, 999999999999999900000",
      "1.2345e21, 1.2345e+21",
      "9007199254740991, 9007199254740991",
      "9007199254740992, 9007199254740992",
      "9007199254740993, 9007199254740992",
      "1e20, 100000000000000000000",
      "333333333.33333329, 333333333.3333333",
      "1E30, 1e+30",
      "1.7976931348623157e308, 1.7976931348623157e+308",
      "2.2250738585072014E-308, 2.2250738585072014e-308",
      "4.9e-324, 5e-324",
      "9.9e-324, 1e-323",
      "1.5e-323, 1.5e-323",
      "-5e-324, -5e-324",
  })
  void required_E1_1_formatsEdgeValuesLikeEcmaScript(double value, String expected) {
    assertEquals(expected, NumberFormatter.format(value));
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesNonFiniteValues(double value) {
    assertThrows(IllegalArgumentException.class, () -> NumberFormatter.format(value));
  }
}
