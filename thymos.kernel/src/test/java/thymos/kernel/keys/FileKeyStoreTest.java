package thymos.kernel.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hex;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/** The built-in key store (E3.4): formats, permission checks, generation, secrecy of messages. */
class FileKeyStoreTest {

  /** PKCS#8 v1 DER of an Ed25519 key up to the 32 seed bytes (RFC 8410 §7). */
  static final String PKCS8_PREFIX = "302e020100300506032b657004220420";
  /** RFC 8410 §10.3 example; its public key (§10.1) was also derived with OpenSSL 3. */
  static final String RFC8410_PEM = "-----BEGIN PRIVATE KEY-----\n"
      + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
      + "-----END PRIVATE KEY-----\n";
  static final String RFC8410_PK =
      "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";

  static String test1Seed;
  static String test1Pk;
  static String test1Sig;

  @TempDir Path dir;

  @BeforeAll
  static void readRfc8032Test1() throws IOException {
    String root = System.getProperty("thymos.vectors");
    if (root == null || root.isBlank()) {
      throw new AssertionError("system property thymos.vectors is not set (surefire sets it)");
    }
    Path file = Path.of(root, "ed25519", "rfc8032", "rfc8032-7.1-from-libgcrypt-t-ed25519.inp");
    String first = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\R\\s*\\R")[0];
    Map<String, String> r = new HashMap<>();
    for (String line : first.split("\\R")) {
      int colon = line.indexOf(':');
      r.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    assertEquals("1", r.get("TST"));
    test1Seed = r.get("SK");
    test1Pk = r.get("PK");
    test1Sig = r.get("SIG");
    assertEquals(64, test1Seed.length());
  }

  @Test
  void required_E3_4_pemAndRawSeedLoadToTheRfc8032Test1Key() throws IOException {
    write("raw.key", test1Seed + "\n", "rw-------");
    write("bare.key", test1Seed, "r--------");
    write("pkcs8.pem", pem(Hex.decode(PKCS8_PREFIX + test1Seed)), "rw-------");
    FileKeyStore store = FileKeyStore.open(dir);
    assertEquals(List.of("bare", "pkcs8", "raw"), store.aliases());
    for (String alias : store.aliases()) {
      Signer s = store.signer(alias);
      assertEquals(test1Pk, s.publicKey().hex(), alias);
      assertEquals(test1Sig, s.sign(new byte[0]).hex(), alias);
    }
    assertEquals(List.of(PublicKey.parse(test1Pk), PublicKey.parse(test1Pk),
        PublicKey.parse(test1Pk)), store.publicKeys());
    assertEquals(test1Pk, store.signer(PublicKey.parse(test1Pk)).publicKey().hex());
    assertNoSecret(store.toString());
    assertNoSecret(store.signer("raw").toString());
  }

  @Test
  void pemOfRfc8410ExampleLoadsToItsPublicKey() throws IOException {
    write("example.pem", RFC8410_PEM, "rw-------");
    assertEquals(RFC8410_PK, FileKeyStore.open(dir).signer("example").publicKey().hex());
  }

  @Test
  void pkcs8Version2WithMatchingPublicKeyLoadsAndWithAnotherIsRefused() throws IOException {
    // OneAsymmetricKey v2 (RFC 5958): version 1, [1] IMPLICIT BIT STRING public key.
    String good = "3051020101300506032b657004220420" + test1Seed + "812100" + test1Pk;
    write("v2.pem", pem(Hex.decode(good)), "rw-------");
    assertEquals(test1Pk, FileKeyStore.open(dir).signer("v2").publicKey().hex());
    String bad = "3051020101300506032b657004220420" + test1Seed + "812100" + RFC8410_PK;
    write("v2.pem", pem(Hex.decode(bad)), "rw-------");
    assertRefused("does not belong to its private key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw----r--", "rw-----w-", "rw-r-----", "rw--w----",
      "r--r--r--"})
  void required_E3_4_keyFileReadableOrWritableByGroupOrOthersIsRefused(String perms)
      throws IOException {
    write("anchor.key", test1Seed + "\n", perms);
    ConfigurationException e = assertRefused("readable or writable by group or others");
    assertTrue(e.getMessage().contains("anchor.key"), e.getMessage());
    assertTrue(e.getMessage().contains(perms), e.getMessage());
  }

  @Test
  void required_E3_4_worldReadablePemIsRefused() throws IOException {
    write("anchor.pem", pem(Hex.decode(PKCS8_PREFIX + test1Seed)), "rw-r--r--");
    assertRefused("anchor.pem");
  }

  @Test
  void keyFolderWritableByOthersIsRefused() throws IOException {
    write("anchor.key", test1Seed + "\n", "rw-------");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    try {
      assertRefused("key folder is writable by group or others");
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void missingFolderIsRefused() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> FileKeyStore.open(dir.resolve("absent")));
    assertEquals("THY-E304", e.code());
  }

  @Test
  void malformedRawSeedFilesAreRefusedWithoutShowingTheirContent() throws IOException {
    Map<String, String> cases = Map.of(
        test1Seed.toUpperCase(Locale.ROOT), "lowercase hex only",
        test1Seed.substring(0, 62) + "\n", "found 63 bytes",
        test1Seed + "00", "found 66 bytes",
        test1Seed + "\r\n", "found 66 bytes",
        test1Seed + "\n\n", "found 66 bytes",
        test1Seed.substring(0, 63) + "g", "character 63 is not one",
        " " + test1Seed, "found 65 bytes",
        "", "found 0 bytes");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      write("k.key", c.getKey(), "rw-------");
      assertRefused(c.getValue());
    }
  }

  @Test
  void malformedPemFilesAreRefusedWithoutShowingTheirContent() throws IOException {
    String x25519 = "302e020100300506032b656e04220420" + test1Seed; // OID 1.3.101.110
    String withNullParams = "3030020100300706032b6570050004220420" + test1Seed;
    String short31 = "302d020100300506032b657004210420" + test1Seed.substring(0, 62);
    Map<String, String> cases = Map.of(
        pem(Hex.decode(x25519)), "not Ed25519",
        pem(Hex.decode(withNullParams)), "not Ed25519",
        pem(Hex.decode(short31)), "",
        pem(Hex.decode(PKCS8_PREFIX + test1Seed + "00")), "not a DER PKCS#8",
        "-----BEGIN PRIVATE KEY-----\n" + test1Seed + "!!\n-----END PRIVATE KEY-----\n",
            "not valid base64",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
            "is encrypted and no passphrase was given",
        test1Seed + "\n", "exactly one",
        RFC8410_PEM + RFC8410_PEM, "exactly one PRIVATE KEY block");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      write("k.pem", c.getKey(), "rw-------");
      ConfigurationException e = assertRefused(c.getValue());
      assertFalse(e.getMessage().contains(c.getKey().strip()), e.getMessage());
    }
  }

  @Test
  void twoFilesForOneAliasAreRefused() throws IOException {
    write("anchor.key", test1Seed + "\n", "rw-------");
    write("anchor.pem", RFC8410_PEM, "rw-------");
    assertRefused("a second key file for alias 'anchor'");
  }

  @Test
  void hiddenFilesFoldersAndOtherSuffixesAreIgnored() throws IOException {
    write("README.txt", "not a key", "rw-r--r--");
    write(".partial.key", "garbage", "rw-r--r--");
    Files.createDirectory(dir.resolve("old.key"));
    write("anchor.key", test1Seed, "rw-------");
    assertEquals(List.of("anchor"), FileKeyStore.open(dir).aliases());
  }

  @Test
  void required_E3_4_missingAliasIsATypedErrorListingTheAliases() throws IOException {
    write("anchor.key", test1Seed, "rw-------");
    FileKeyStore store = FileKeyStore.open(dir);
    assertTrue(store.findByAlias("ops").isEmpty());
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> store.signer("ops"));
    assertEquals("THY-E304", e.code());
    assertEquals("E3.4", e.rule().orElseThrow());
    assertEquals(List.of("anchor"), e.candidates());
    assertNoSecret(e.getMessage());
    PublicKey other = PublicKey.parse(RFC8410_PK);
    assertTrue(store.find(other).isEmpty());
    assertThrows(ConfigurationException.class, () -> store.signer(other));
  }

  @Test
  void required_E3_4_generateWritesAnOwnerOnlySeedFileFromEntropy() throws IOException {
    FileKeyStore store = FileKeyStore.open(dir);
    byte[] seed = Hex.decode(test1Seed);
    Entropy entropy = out -> System.arraycopy(seed, 0, out, 0, out.length);
    Signer signer = store.generate("anchor", entropy);
    assertEquals(test1Pk, signer.publicKey().hex());
    Path file = dir.resolve("anchor.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals((test1Seed + "\n").getBytes(StandardCharsets.US_ASCII),
        Files.readAllBytes(file));
    assertEquals(List.of("anchor"), store.aliases());
    assertEquals(test1Pk, FileKeyStore.open(dir).signer("anchor").publicKey().hex());

    ConfigurationException taken = assertThrows(ConfigurationException.class,
        () -> store.generate("anchor", entropy));
    assertNoSecret(taken.getMessage());
    assertNoSecret(store.toString());
  }

  @Test
  void generateNeverOverwritesAFileThatAppearedMeanwhile() throws IOException {
    FileKeyStore store = FileKeyStore.open(dir);
    write("late.key", RFC8410_PK, "rw-------"); // stands in for another process's key
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> store.generate("late", out -> out[0] = 1));
    assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
    assertEquals(RFC8410_PK, Files.readString(dir.resolve("late.key")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../escape", "a/b", ".hidden", "-x", "sp ace"})
  void generateRefusesAliasesThatAreNotPlainNames(String alias) {
    FileKeyStore store = FileKeyStore.open(dir);
    assertThrows(ConfigurationException.class, () -> store.generate(alias, out -> { }));
  }

  @Test
  void aStoreOfManyGeneratedKeysFindsEachByPublicKey() {
    FileKeyStore store = FileKeyStore.open(dir);
    for (int i = 0; i < 5; i++) {
      byte fill = (byte) (i + 1);
      Signer s = store.generate("k" + i, out -> java.util.Arrays.fill(out, fill));
      assertEquals(Ed25519.publicKey(filled(fill)), s.publicKey());
    }
    FileKeyStore reopened = FileKeyStore.open(dir);
    for (PublicKey pk : reopened.publicKeys()) {
      assertEquals(pk, reopened.signer(pk).publicKey());
    }
    assertEquals(5, reopened.publicKeys().size());
  }

  // ---- helpers

  private ConfigurationException assertRefused(String expectedInMessage) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> FileKeyStore.open(dir));
    assertEquals("THY-E304", e.code());
    assertEquals("E3.4", e.rule().orElseThrow());
    assertTrue(e.getMessage().startsWith("[THY-E304] "), e.getMessage());
    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    assertNoSecret(e.getMessage());
    assertNoSecret(e.toString());
    return e;
  }

  /** Neither the seed in hex (either case) nor its base64 appears. */
  static void assertNoSecret(String text) {
    byte[] seed = Hex.decode(test1Seed);
    assertFalse(text.contains(test1Seed), text);
    assertFalse(text.toUpperCase(Locale.ROOT).contains(test1Seed.toUpperCase(Locale.ROOT)), text);
    assertFalse(text.contains(test1Seed.substring(0, 16)), text);
    assertFalse(text.contains(Base64.getEncoder().encodeToString(seed).substring(0, 16)), text);
  }

  private void write(String name, String content, String perms) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
  }

  private static byte[] filled(byte b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, b);
    return s;
  }
}
