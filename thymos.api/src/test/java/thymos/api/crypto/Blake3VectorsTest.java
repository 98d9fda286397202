package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official BLAKE3 vectors (E2.5): every input length in all three modes through Bouncy Castle,
 * comparing the full 131-byte extended output and its first 32 bytes; hash mode also through our
 * own {@link Blake3} (256-bit output, so the first 32 bytes), directly, behind a domain-style head
 * and through {@link Ids#blake3}.
 */
class Blake3VectorsTest {

  private static final int CASES = 35;

  static List<Arguments> cases() {
    Map<String, Object> root =
        CryptoVectors.map(CryptoVectors.readJson(CryptoVectors.path("blake3", "test_vectors.json")));
    String key = (String) root.get("key");
    String context = (String) root.get("context_string");
    List<Arguments> out = new ArrayList<>();
    for (Object o : CryptoVectors.list(root.get("cases"))) {
      Map<String, Object> c = CryptoVectors.map(o);
      int len = ((Number) c.get("input_len")).intValue();
      out.add(Arguments.of("input_len=" + len + " hash", len, null, (String) c.get("hash")));
      out.add(Arguments.of("input_len=" + len + " keyed_hash", len,
          Blake3Parameters.key(key.getBytes(StandardCharsets.US_ASCII)),
          (String) c.get("keyed_hash")));
      out.add(Arguments.of("input_len=" + len + " derive_key", len,
          Blake3Parameters.context(context.getBytes(StandardCharsets.US_ASCII)),
          (String) c.get("derive_key")));
    }
    return out;
  }

  static List<Arguments> hashCases() {
    List<Arguments> out = new ArrayList<>();
    for (Arguments a : cases()) {
      if (a.get()[2] == null && !((String) a.get()[0]).contains("keyed")) {
        out.add(a);
      }
    }
    return out;
  }

  @Test
  void vectorFileHoldsAllCases() {
    assertEquals(CASES * 3, cases().size());
    assertEquals(CASES, hashCases().size());
  }

  @ParameterizedTest(name = "{0} (thymos Blake3)")
  @MethodSource("hashCases")
  void required_E2_5_ownBlake3MatchesOfficialHashVector(
      String name, int inputLen, Blake3Parameters params, String expectedHex) {
    byte[] input = new byte[inputLen];
    for (int i = 0; i < inputLen; i++) {
      input[i] = (byte) (i % 251);
    }
    String expected = expectedHex.substring(0, 64);
    assertEquals(expected, Hex.encode(Blake3.hash(input)), "whole input");
    // The same message split into a head and a range of a larger array.
    int split = Math.min(inputLen, 17);
    byte[] padded = new byte[inputLen + 5];
    System.arraycopy(input, split, padded, 3, inputLen - split);
    byte[] head = java.util.Arrays.copyOf(input, split);
    assertEquals(expected,
        Hex.encode(Blake3.get().hash(head, padded, 3, inputLen - split)), "head + range");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void required_E2_5_blake3MatchesOfficialVector(
      String name, int inputLen, Blake3Parameters params, String expectedHex) {
    byte[] input = new byte[inputLen];
    for (int i = 0; i < inputLen; i++) {
      input[i] = (byte) (i % 251);
    }
    byte[] expected = Hex.decode(expectedHex);
    assertEquals(131, expected.length);

    Blake3Digest xof = new Blake3Digest(256);
    if (params != null) {
      xof.init(params);
    }
    xof.update(input, 0, input.length);
    byte[] full = new byte[expected.length];
    xof.doFinal(full, 0, full.length);
    assertEquals(expectedHex, Hex.encode(full), "131-byte XOF output");

    Blake3Digest fixed = new Blake3Digest(256);
    if (params != null) {
      fixed.init(params);
    }
    fixed.update(input, 0, input.length);
    byte[] first = new byte[32];
    fixed.doFinal(first, 0);
    assertEquals(expectedHex.substring(0, 64), Hex.encode(first), "first 32 bytes");

    if (params == null) {
      assertEquals(expectedHex.substring(0, 64), Ids.blake3(input).hex(), "Ids.blake3");
    }
  }
}
