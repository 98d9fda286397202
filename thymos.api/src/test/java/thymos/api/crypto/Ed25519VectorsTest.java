package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the three Ed25519 vector sets (E3.1, E3.3): Wycheproof (valid accepted, invalid
 * refused), RFC 8032 §7.1 (key derivation, deterministic signing, verification) and C2SP CCTV
 * (verdict computed from the flags under the strict policy of {@link Ed25519}).
 */
class Ed25519VectorsTest {

  /**
   * The CCTV flags our strict policy refuses (E3.3): non-canonical A or R, small-order A or R,
   * and a residue that only a cofactored equation would accept. {@code low_order_component_*}
   * and {@code reencoded_k} alone are accepted: such points are not of small order, and the
   * cofactorless equation decides.
   */
  static final Set<String> REFUSED_FLAGS = Set.of("non_canonical_A", "non_canonical_R",
      "low_order_A", "low_order_R", "low_order_residue");

  // ---------------------------------------------------------------- Wycheproof

  static List<Arguments> wycheproof() {
    Map<String, Object> root = CryptoVectors.map(CryptoVectors.readJson(
        CryptoVectors.path("ed25519", "wycheproof", "ed25519_test.json")));
    List<Arguments> out = new ArrayList<>();
    for (Object g : CryptoVectors.list(root.get("testGroups"))) {
      Map<String, Object> group = CryptoVectors.map(g);
      String pk = (String) CryptoVectors.map(group.get("publicKey")).get("pk");
      for (Object t : CryptoVectors.list(group.get("tests"))) {
        Map<String, Object> test = CryptoVectors.map(t);
        out.add(Arguments.of("tcId " + test.get("tcId") + " " + test.get("result") + " "
                + test.get("flags") + " " + test.get("comment"),
            pk, test.get("msg"), test.get("sig"), test.get("result")));
      }
    }
    return out;
  }

  @Test
  void wycheproofFileHoldsAll151Cases() {
    assertEquals(151, wycheproof().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wycheproof")
  void required_E3_3_agreesWithWycheproof(
      String name, String pk, String msg, String sig, String result) {
    assertTrue(result.equals("valid") || result.equals("invalid"), result);
    boolean accepted = Ed25519.verify(Hex.decode(pk), Hex.decode(msg), Hex.decode(sig));
    assertEquals(result.equals("valid"), accepted, name);
  }

  // ---------------------------------------------------------------- RFC 8032

  /** The records of the RFC 8032 §7.1 file, each a map TST/SK/PK/MSG/SIG to hex. */
  static List<Map<String, String>> rfc8032Records() {
    try {
      String text = Files.readString(
          CryptoVectors.path("ed25519", "rfc8032", "rfc8032-7.1-from-libgcrypt-t-ed25519.inp"),
          StandardCharsets.US_ASCII);
      List<Map<String, String>> records = new ArrayList<>();
      for (String block : text.strip().split("\\R\\s*\\R")) {
        Map<String, String> r = new LinkedHashMap<>();
        for (String line : block.strip().split("\\R")) {
          int colon = line.indexOf(':');
          r.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        records.add(r);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Arguments> rfc8032() {
    return rfc8032Records().stream()
        .map(r -> Arguments.of("TST " + r.get("TST"), r.get("SK"), r.get("PK"), r.get("MSG"),
            r.get("SIG")))
        .toList();
  }

  @Test
  void rfc8032FileHoldsTests1_2_3_1024() {
    assertEquals(List.of("1", "2", "3", "1024"),
        rfc8032Records().stream().map(r -> r.get("TST")).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void required_E3_1_rfc8032DerivesSignsAndVerifies(
      String name, String sk, String pk, String msg, String sig) {
    byte[] seed = Hex.decode(sk);
    byte[] message = Hex.decode(msg);
    assertEquals(pk, Ed25519.publicKey(seed).hex(), "SK -> PK");
    assertEquals(sig, Ed25519.sign(seed, message).hex(), "sign(MSG) == SIG");
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
    assertEquals(pk, signer.publicKey().hex(), "signer public key");
    assertEquals(sig, signer.sign(message).hex(), "signer sign(MSG) == SIG");
    assertTrue(Ed25519.verify(Hex.decode(pk), message, Hex.decode(sig)), "verify");
    assertTrue(Ed25519.verify(PublicKey.parse(pk), message, Signature.parse(sig, "")),
        "verify typed");
  }

  // ---------------------------------------------------------------- CCTV

  static List<Arguments> cctv() {
    List<Arguments> out = new ArrayList<>();
    for (Object o : CryptoVectors.list(CryptoVectors.readJson(
        CryptoVectors.path("ed25519", "cctv", "ed25519vectors.json")))) {
      Map<String, Object> v = CryptoVectors.map(o);
      Set<String> flags = new HashSet<>();
      if (v.get("flags") != null) {
        CryptoVectors.list(v.get("flags")).forEach(f -> flags.add((String) f));
      }
      boolean expected = flags.stream().noneMatch(REFUSED_FLAGS::contains);
      out.add(Arguments.of("number " + v.get("number") + " " + (expected ? "accept" : "refuse")
              + " " + v.get("flags"),
          v.get("key"), v.get("msg"), v.get("sig"), expected));
    }
    return out;
  }

  @Test
  void cctvFileHoldsAll914CasesOf_which43AreAcceptedByTheStrictPolicy() {
    List<Arguments> all = cctv();
    assertEquals(914, all.size());
    // Pinned so that a change of REFUSED_FLAGS or of the file shows up as a deliberate edit.
    assertEquals(43, all.stream().filter(a -> (Boolean) a.get()[4]).count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cctv")
  void required_E3_3_cctvVerdictFollowsStrictPolicy(
      String name, String key, String msg, String sig, boolean expected) {
    boolean accepted = Ed25519.verify(
        Hex.decode(key), msg.getBytes(StandardCharsets.UTF_8), Hex.decode(sig));
    assertEquals(expected, accepted, name);
  }
}
