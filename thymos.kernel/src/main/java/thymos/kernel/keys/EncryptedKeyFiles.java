package thymos.kernel.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import thymos.api.spi.Entropy;

/**
 * Encrypted PKCS#8 key files (E3.4, RFC 5958 §3, RFC 8018 §6.2): {@code -----BEGIN ENCRYPTED
 * PRIVATE KEY-----}, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC only — OpenSSL 3's default
 * for {@code openssl pkcs8 -topk8} and the JDK's {@code PBEWithHmacSHA256AndAES_256}. Bouncy
 * Castle parses and builds the ASN.1; the JDK derives the key and runs the cipher. Messages name
 * the file, never the passphrase nor a byte of the content.
 */
final class EncryptedKeyFiles {

  static final String BEGIN = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
  static final String END = "-----END ENCRYPTED PRIVATE KEY-----";
  /** Reading refuses more: a hostile file must not hold the store for minutes. */
  static final int MAX_ITERATIONS = 10_000_000;
  /** OWASP's 2023 floor for PBKDF2-HMAC-SHA512; lower counts are read with a warning. */
  static final int WEAK_ITERATIONS = 210_000;

  private static final System.Logger LOG = System.getLogger(FileKeyStore.class.getName());
  private static final String SCHEME = "PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC";
  /** RFC 8410 PrivateKeyInfo (version 0, no public key) up to the 32 seed bytes. */
  private static final byte[] V1_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03,
      0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

  private EncryptedKeyFiles() {}

  /**
   * The seed in an encrypted PEM file.
   *
   * @throws thymos.api.ConfigurationException {@code THY-E304} for another scheme, malformed
   *     parameters, or — decryption or the decrypted DER failing — a wrong passphrase
   */
  static byte[] seed(byte[] content, Path file, char[] passphrase) {
    byte[] der = KeyFiles.pemDer(content, file, BEGIN, END);
    EncryptedPrivateKeyInfo info;
    try {
      info = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw KeyFiles.error(file, "the PEM body is not a DER PKCS#8 EncryptedPrivateKeyInfo");
    }
    AlgorithmIdentifier alg = info.getEncryptionAlgorithm();
    if (!PKCSObjectIdentifiers.id_PBES2.equals(alg.getAlgorithm())) {
      throw unsupported(file, "algorithm " + alg.getAlgorithm());
    }
    byte[] salt;
    int iterations;
    byte[] iv;
    try {
      PBES2Parameters pbes2 = PBES2Parameters.getInstance(alg.getParameters());
      KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
      if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
        throw unsupported(file, "key derivation " + kdf.getAlgorithm());
      }
      PBKDF2Params p = PBKDF2Params.getInstance(kdf.getParameters());
      if (p.isDefaultPrf() || !PKCSObjectIdentifiers.id_hmacWithSHA256.equals(
          p.getPrf().getAlgorithm())) {
        throw unsupported(file, "PBKDF2 pseudo-random function "
            + (p.isDefaultPrf() ? "hmacWithSHA1" : p.getPrf().getAlgorithm()));
      }
      BigInteger count = p.getIterationCount();
      if (count.signum() <= 0 || count.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
        throw KeyFiles.error(file, "the PBKDF2 iteration count is " + count + "; it must be 1 to "
            + MAX_ITERATIONS);
      }
      iterations = count.intValueExact();
      if (p.getKeyLength() != null && p.getKeyLength().intValue() != 32) {
        throw unsupported(file, "a PBKDF2 key length of " + p.getKeyLength() + " bytes");
      }
      salt = p.getSalt();
      EncryptionScheme enc = pbes2.getEncryptionScheme();
      if (!NISTObjectIdentifiers.id_aes256_CBC.equals(enc.getAlgorithm())) {
        throw unsupported(file, "cipher " + enc.getAlgorithm());
      }
      iv = ASN1OctetString.getInstance(enc.getParameters()).getOctets();
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      throw KeyFiles.error(file, "malformed " + SCHEME + " parameters");
    }
    if (iv.length != 16) {
      throw KeyFiles.error(file, "the AES-CBC IV is " + iv.length + " bytes, not 16");
    }
    if (iterations < WEAK_ITERATIONS) {
      LOG.log(System.Logger.Level.WARNING, "key file {0} is encrypted with only {1} PBKDF2 "
          + "iterations (fewer than {2}); re-encrypt it", file, iterations, WEAK_ITERATIONS);
    }
    byte[] cipherText = info.getEncryptedData();
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw wrongPassphrase(file);
    }
    byte[] plain = null;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, passphrase, salt, iterations, iv, cipherText);
      try {
        PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(plain));
      } catch (IOException | RuntimeException e) {
        throw wrongPassphrase(file);
      }
      return KeyFiles.pkcs8Seed(plain, file);
    } catch (BadPaddingException e) {
      throw wrongPassphrase(file);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * An encrypted PEM file for {@code seed}: salt and IV of 16 bytes each from {@code entropy},
   * {@code iterations} rounds of PBKDF2-HMAC-SHA256, AES-256-CBC over an RFC 8410 version 0
   * PrivateKeyInfo. Version 0 because OpenSSL 3.0 cannot read a version 1 key with its public
   * key; the price is that CBC damage confined to the seed reads as another key.
   */
  static byte[] encryptedPem(byte[] seed, char[] passphrase, Entropy entropy, int iterations) {
    byte[] salt = entropy.bytes(16);
    byte[] iv = entropy.bytes(16);
    byte[] plain = new byte[V1_PREFIX.length + 32];
    try {
      System.arraycopy(V1_PREFIX, 0, plain, 0, V1_PREFIX.length);
      System.arraycopy(seed, 0, plain, V1_PREFIX.length, 32);
      byte[] cipherText = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, iterations, iv, plain);
      PBKDF2Params kdf = new PBKDF2Params(salt, iterations,
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
      PBES2Parameters pbes2 = new PBES2Parameters(
          new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
          new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
      byte[] der = new EncryptedPrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2), cipherText)
          .getEncoded(ASN1Encoding.DER);
      String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n" + END + "\n";
      return pem.getBytes(StandardCharsets.US_ASCII);
    } catch (BadPaddingException | IOException e) {
      throw new IllegalStateException("cannot encode an encrypted key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] cipher(int mode, char[] passphrase, byte[] salt, int iterations,
      byte[] iv, byte[] input) throws BadPaddingException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    byte[] key = null;
    try {
      key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return c.doFinal(input);
    } catch (BadPaddingException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      // Every JDK has PBKDF2WithHmacSHA256 and AES/CBC; no key material in these messages.
      throw new IllegalStateException("the JDK cannot run " + SCHEME + ": " + e.getMessage(), e);
    } finally {
      spec.clearPassword();
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  private static thymos.api.ConfigurationException unsupported(Path file, String what) {
    return KeyFiles.error(file, "the key is encrypted with " + what + "; only " + SCHEME
        + " is supported (openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256)");
  }

  private static thymos.api.ConfigurationException wrongPassphrase(Path file) {
    return new thymos.api.ConfigurationException("THY-E304", "E3.4", "wrong passphrase for "
        + file + " (or the file is damaged)", java.util.List.of(), null);
  }
}
