package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8785 reference data, byte for byte (E1.7): every case in {@code vectors/jcs/input}. */
class JcsVectorsTest {

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(JsonVectors.jcs().resolve("input"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void required_E1_7_allSixUpstreamCasesArePresent() throws IOException {
    assertEquals(List.of("arrays", "french", "structures", "unicode", "values", "weird"),
        cases().toList());
  }

  @ParameterizedTest(name = "required_E1_7 jcs case {0}")
  @MethodSource("cases")
  void required_E1_7_canonicalisesReferenceInputByteForByte(String id) {
    byte[] expected = read("output/" + id + ".json");
    byte[] actual = Json.parse(read("input/" + id + ".json")).canonicalBytes();
    assertArrayEquals(expected, actual, () -> id + ": got "
        + new String(actual, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "required_E1_7 jcs case {0} (outhex)")
  @MethodSource("cases")
  void required_E1_7_canonicalFormMatchesUpstreamHex(String id) {
    String hex = new String(read("outhex/" + id + ".txt"), StandardCharsets.US_ASCII)
        .replaceAll("\\s+", "");
    byte[] actual = Json.parse(read("input/" + id + ".json")).canonicalBytes();
    assertEquals(hex, HexFormat.of().formatHex(actual), id);
  }

  @ParameterizedTest(name = "required_E1_1 jcs case {0} is a fixed point")
  @MethodSource("cases")
  void required_E1_1_referenceOutputIsItsOwnCanonicalForm(String id) {
    byte[] expected = read("output/" + id + ".json");
    assertArrayEquals(expected, Json.parse(expected).canonicalBytes(), id);
    assertEquals(new String(expected, StandardCharsets.UTF_8),
        Json.parse(new String(read("input/" + id + ".json"), StandardCharsets.UTF_8))
            .canonicalString(), id);
  }

  private static byte[] read(String relative) {
    try {
      return Files.readAllBytes(JsonVectors.jcs().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
