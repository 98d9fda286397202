package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import thymos.api.ProtocolViolation;

/**
 * The first 10,000 lines of the RFC 8785 ES6 number file (E1.1, E1.7): each line is
 * {@code hex-of-IEEE754-bits,expected}, one parameterised case per line.
 */
class Es6NumbersTest {

  private static final double TWO_POW_53 = 9007199254740992.0;

  private static Path file() {
    return JsonVectors.jcs().resolve("es6numbers/es6testfile-first10000.txt");
  }

  static Stream<Arguments> lines() throws IOException {
    BufferedReader reader = Files.newBufferedReader(file(), StandardCharsets.US_ASCII);
    AtomicInteger lineNo = new AtomicInteger();
    return reader.lines()
        .onClose(() -> {
          try {
            reader.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .map(line -> {
          int comma = line.indexOf(',');
          return Arguments.of(lineNo.incrementAndGet(), line.substring(0, comma),
              line.substring(comma + 1));
        });
  }

  @Test
  void required_E1_7_fileHasTenThousandLines() throws IOException {
    try (Stream<String> s = Files.lines(file())) {
      assertEquals(10_000, s.count());
    }
  }

  @ParameterizedTest(name = "required_E1_1 es6 line {0}: {1} -> {2}")
  @MethodSource("lines")
  void required_E1_1_formatsLikeEcmaScript(int line, String hex, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    assertEquals(expected, NumberFormatter.format(value), () -> "line " + line + " " + hex);

    // The canonical writer and the strict parser agree with the formatter on the same value.
    boolean unreadable = value == Math.rint(value) && Math.abs(value) >= TWO_POW_53
        && Math.abs(value) < 1e21;
    JsonNumber number = new JsonNumber(value);
    if (unreadable) {
      ProtocolViolation v = assertThrows(ProtocolViolation.class, number::canonicalBytes);
      assertEquals("E1.2", v.rule().orElseThrow());
      assertEquals("E1.2", assertThrows(ProtocolViolation.class, () -> Json.parse(expected))
          .rule().orElseThrow());
    } else {
      assertEquals(expected, number.canonicalString());
      assertEquals(number, Json.parse(expected));
    }
  }
}
