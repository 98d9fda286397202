package thymos.kernel.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hex;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/**
 * Passphrase-protected key files (E3.4): round trip, wrong, missing and unused passphrases,
 * damage, permissions, secrecy of messages, interop with the JDK and OpenSSL.
 */
class EncryptedKeyFileTest {

  static final String PASS = "correct horse battery staple";
  static final String WRONG = "incorrect horse battery staple";
  /** Cheap iterations for tests that are not about the iteration count. */
  static final int FAST = 1000;

  @TempDir Path dir;

  /** Bytes 1, 2, 3, … so the seed, then the salt, then the IV are known. */
  static Entropy counting() {
    int[] next = {1};
    return out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) next[0]++;
      }
    };
  }

  static byte[] seed() {
    return counting().bytes(32);
  }

  @Test
  void required_E3_4_generateEncryptedWritesAnOwnerOnlyPbes2FileThatReopensToTheSameKey()
      throws Exception {
    FileKeyStore store = FileKeyStore.open(dir);
    char[] pass = PASS.toCharArray();
    Signer made = store.generateEncrypted("anchor", counting(), pass);
    assertArrayEquals(PASS.toCharArray(), pass, "the caller's array is the caller's to clear");
    assertEquals(Ed25519.publicKey(seed()), made.publicKey());
    Path file = dir.resolve("anchor.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), text);
    assertNoSecret(text);

    // The JDK reads the file on its own: PBES2 as PBEWithHmacSHA256AndAES_256, 600,000 rounds,
    // the salt from the entropy (bytes 33..48, after the seed).
    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der(text));
    AlgorithmParameters params = info.getAlgParameters();
    assertEquals("PBEWithHmacSHA256AndAES_256", params.toString());
    Cipher c = Cipher.getInstance(params.toString());
    c.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(params.toString())
        .generateSecret(new PBEKeySpec(PASS.toCharArray())), params);
    PKCS8EncodedKeySpec spec = info.getKeySpec(c);
    assertEquals("EdDSA", KeyFactory.getInstance("Ed25519").generatePrivate(spec).getAlgorithm());
    assertArrayEquals(Hex.decode(FileKeyStoreTest.PKCS8_PREFIX + Hex.encode(seed())),
        spec.getEncoded(), "RFC 8410 version 0, as OpenSSL writes it");
    javax.crypto.spec.PBEParameterSpec pbe =
        params.getParameterSpec(javax.crypto.spec.PBEParameterSpec.class);
    assertEquals(FileKeyStore.ENCRYPTION_ITERATIONS, pbe.getIterationCount());
    assertTrue(pbe.getIterationCount() >= 210_000);
    assertArrayEquals(Arrays.copyOfRange(counting().bytes(48), 32, 48), pbe.getSalt());

    FileKeyStore reopened = FileKeyStore.open(dir, Passphrase.of(PASS.toCharArray()));
    Signer loaded = reopened.signer("anchor");
    assertEquals(made.publicKey(), loaded.publicKey());
    assertEquals(Ed25519Signer.fromSeed(seed()).sign(new byte[] {7}).hex(),
        loaded.sign(new byte[] {7}).hex());
    assertNoSecret(reopened.toString());
  }

  @Test
  void required_E3_4_wrongPassphraseIsOneClearErrorWithoutPassphraseOrKey() throws IOException {
    writeEncrypted("anchor.pem", PASS, FAST);
    ConfigurationException e = refused(Passphrase.of(WRONG.toCharArray()));
    assertEquals("[THY-E304] wrong passphrase for " + dir.resolve("anchor.pem").toAbsolutePath()
        + " (or the file is damaged)", e.getMessage());
    assertEquals(null, e.getCause(), "no cause that could quote the input");
  }

  @Test
  void required_E3_4_encryptedFileWithoutPassphraseSaysHowToProvideOne() throws IOException {
    writeEncrypted("anchor.pem", PASS, FAST);
    write("plain.key", Hex.encode(seed()) + "\n");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> FileKeyStore.open(dir));
    assertEquals("THY-E304", e.code());
    assertTrue(e.getMessage().contains("anchor.pem: the key file is encrypted and no passphrase "
        + "was given; open the key store with a passphrase"), e.getMessage());
    Passphrase absent = new Passphrase() {
      @Override
      public Optional<char[]> chars() {
        return Optional.empty();
      }

      @Override
      public String howToProvide() {
        return "set THYMOS_KEY_PASSPHRASE";
      }
    };
    assertTrue(refused(absent).getMessage().endsWith("; set THYMOS_KEY_PASSPHRASE"));
  }

  @Test
  void passphraseIsAskedOnceOnlyWhenNeededAndClearedAfterOpen() throws IOException {
    List<char[]> handedOut = new ArrayList<>();
    Passphrase counted = new Passphrase() {
      @Override
      public Optional<char[]> chars() {
        char[] c = PASS.toCharArray();
        handedOut.add(c);
        return Optional.of(c);
      }

      @Override
      public String howToProvide() {
        return "";
      }
    };
    write("plain.key", Hex.encode(seed()) + "\n");
    FileKeyStore.open(dir, counted);
    assertEquals(0, handedOut.size(), "no encrypted file, no question");
    writeEncrypted("a.pem", PASS, FAST);
    writeEncrypted("b.pem", PASS, FAST);
    assertEquals(List.of("a", "b", "plain"), FileKeyStore.open(dir, counted).aliases());
    assertEquals(1, handedOut.size());
    assertArrayEquals(new char[PASS.length()], handedOut.get(0), "cleared after open");
    Files.delete(dir.resolve("a.pem"));
    writeEncrypted("c.pem", WRONG, FAST);
    refused(counted);
    assertArrayEquals(new char[PASS.length()], handedOut.get(1), "cleared after a failure too");
  }

  @Test
  void damagedFilesAreRefusedWithoutShowingTheirContent() throws IOException {
    writeEncrypted("anchor.pem", PASS, FAST);
    byte[] good = der(Files.readString(dir.resolve("anchor.pem")));
    Passphrase pass = Passphrase.of(PASS.toCharArray());
    // 48 bytes of PKCS#8 and 16 of padding: four AES blocks, the last 64 bytes of the DER.
    int c0 = good.length - 64;
    // The last cipher block: garbles the padding.
    byte[] padding = good.clone();
    padding[good.length - 1] ^= 0x01;
    // The first cipher block: garbles the DER header.
    byte[] header = good.clone();
    header[c0 + 3] ^= 0x01;
    // The third: garbles the seed's second half and flips a padding byte.
    byte[] third = good.clone();
    third[c0 + 40] ^= 0x01;
    for (byte[] damaged : List.of(padding, header, third)) {
      writeEncryptedDer("anchor.pem", damaged);
      String m = refused(pass).getMessage();
      assertTrue(m.contains("wrong passphrase for") && m.endsWith("(or the file is damaged)"), m);
    }
    // The second garbles the seed's first half and flips a bit of its second: the DER is intact,
    // and AES-CBC has no integrity, so this reads as another key (documented limitation).
    byte[] second = good.clone();
    second[c0 + 16] ^= 0x01;
    writeEncryptedDer("anchor.pem", second);
    assertNotEquals(Ed25519.publicKey(seed()), FileKeyStore.open(dir, pass).signer("anchor")
        .publicKey());
    writeEncryptedDer("anchor.pem", Arrays.copyOf(good, good.length - 16));
    refusedWith(pass, "not a DER PKCS#8 EncryptedPrivateKeyInfo");
    write("anchor.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n!!\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\n");
    refusedWith(pass, "not valid base64");
    write("anchor.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n");
    refusedWith(pass, "exactly one '-----BEGIN ENCRYPTED PRIVATE KEY-----'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----rw-"})
  void required_E3_4_encryptedKeyFileReadableByGroupOrOthersIsRefusedToo(String perms)
      throws IOException {
    writeEncrypted("anchor.pem", PASS, FAST);
    Files.setPosixFilePermissions(dir.resolve("anchor.pem"),
        PosixFilePermissions.fromString(perms));
    refusedWith(Passphrase.of(PASS.toCharArray()), "readable or writable by group or others");
  }

  @Test
  void emptyPassphraseTakenAliasAndAbsurdIterationCountsAreRefused() throws IOException {
    FileKeyStore store = FileKeyStore.open(dir);
    ConfigurationException empty = assertThrows(ConfigurationException.class,
        () -> store.generateEncrypted("anchor", counting(), new char[0]));
    assertTrue(empty.getMessage().contains("empty passphrase"), empty.getMessage());
    assertFalse(Files.exists(dir.resolve("anchor.pem")));
    store.generate("anchor", counting());
    assertThrows(ConfigurationException.class,
        () -> store.generateEncrypted("anchor", counting(), PASS.toCharArray()));
    Files.delete(dir.resolve("anchor.key"));
    writeEncrypted("slow.pem", PASS, EncryptedKeyFiles.MAX_ITERATIONS + 1);
    refusedWith(Passphrase.of(PASS.toCharArray()), "iteration count is 10000001");
  }

  @Test
  void interop_openssl_encryptsForTheStoreAndDecryptsWhatTheStoreWrote() throws Exception {
    Optional<Path> openssl = onPath("openssl");
    if (openssl.isEmpty()) {
      System.err.println("SKIPPED interop with OpenSSL: no openssl on PATH");
    }
    Assumptions.assumeTrue(openssl.isPresent(), "no openssl on PATH: interop not tested");
    Path work = Files.createTempDirectory(dir.getParent(), "openssl");
    Path passFile = work.resolve("pass");
    Files.writeString(passFile, PASS + "\n");
    Path plain = work.resolve("plain.pem");
    Files.writeString(plain, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(
        Hex.decode(FileKeyStoreTest.PKCS8_PREFIX + Hex.encode(seed())))
        + "\n-----END PRIVATE KEY-----\n");
    PublicKey expected = Ed25519.publicKey(seed());

    // OpenSSL encrypts (its default 2048 iterations: read, with a warning logged).
    run(openssl.get(), "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256",
        "-in", plain.toString(), "-out", dir.resolve("ossl.pem").toString(),
        "-passout", "file:" + passFile);
    Files.setPosixFilePermissions(dir.resolve("ossl.pem"),
        PosixFilePermissions.fromString("rw-------"));
    FileKeyStore store = FileKeyStore.open(dir, Passphrase.of(PASS.toCharArray()));
    assertEquals(expected, store.signer("ossl").publicKey());
    assertTrue(refused(Passphrase.of(WRONG.toCharArray())).getMessage()
        .contains("wrong passphrase"));

    // OpenSSL decrypts what the store wrote.
    Files.delete(dir.resolve("ossl.pem"));
    FileKeyStore.open(dir).generateEncrypted("ours", counting(), PASS.toCharArray());
    run(openssl.get(), "pkcs8", "-in", dir.resolve("ours.pem").toString(),
        "-passin", "file:" + passFile, "-out", work.resolve("decrypted.pem").toString());
    Path again = Files.createDirectory(work.resolve("keys"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.copy(work.resolve("decrypted.pem"), again.resolve("back.pem"));
    Files.setPosixFilePermissions(again.resolve("back.pem"),
        PosixFilePermissions.fromString("rw-------"));
    assertEquals(expected, FileKeyStore.open(again).signer("back").publicKey());

    // Another cipher is named, not guessed at.
    Files.delete(dir.resolve("ours.pem"));
    run(openssl.get(), "pkcs8", "-topk8", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA256",
        "-in", plain.toString(), "-out", dir.resolve("aes128.pem").toString(),
        "-passout", "file:" + passFile);
    Files.setPosixFilePermissions(dir.resolve("aes128.pem"),
        PosixFilePermissions.fromString("rw-------"));
    refusedWith(Passphrase.of(PASS.toCharArray()), "only PBES2 with PBKDF2-HMAC-SHA256 and "
        + "AES-256-CBC is supported");
  }

  // ---- helpers

  private ConfigurationException refused(Passphrase passphrase) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> FileKeyStore.open(dir, passphrase));
    assertEquals("THY-E304", e.code());
    assertEquals("E3.4", e.rule().orElseThrow());
    assertTrue(e.getMessage().startsWith("[THY-E304] "), e.getMessage());
    assertNoSecret(e.getMessage());
    assertNoSecret(e.toString());
    return e;
  }

  private void refusedWith(Passphrase passphrase, String expected) {
    String m = refused(passphrase).getMessage();
    assertTrue(m.contains(expected), m);
  }

  /** Neither passphrase, nor the seed in hex or base64, nor the public key's neighbour bytes. */
  static void assertNoSecret(String text) {
    String seedHex = Hex.encode(seed());
    assertFalse(text.contains(PASS), text);
    assertFalse(text.contains(WRONG), text);
    assertFalse(text.contains("horse"), text);
    assertFalse(text.toLowerCase(Locale.ROOT).contains(seedHex.substring(0, 16)), text);
    assertFalse(text.contains(Base64.getEncoder().encodeToString(seed()).substring(0, 16)), text);
  }

  private void writeEncrypted(String name, String pass, int iterations) throws IOException {
    byte[] seed = seed();
    byte[] pem = EncryptedKeyFiles.encryptedPem(seed, pass.toCharArray(), counting(), iterations);
    Files.write(dir.resolve(name), pem);
    Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
  }

  private void writeEncryptedDer(String name, byte[] der) throws IOException {
    write(name, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
  }

  private static byte[] der(String pem) {
    String body = pem.replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "")
        .replace("-----END ENCRYPTED PRIVATE KEY-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
  }

  private static void run(Path program, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl timed out");
    assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + output);
  }
}
