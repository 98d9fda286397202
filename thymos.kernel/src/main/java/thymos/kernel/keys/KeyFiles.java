package thymos.kernel.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519;

/**
 * The unencrypted key-file formats of the built-in store (E3.4), decoded to a 32-byte seed
 * ({@link EncryptedKeyFiles} handles the encrypted one). Every error
 * names the file and what is wrong, never a byte or character of the content: no exception from
 * a parser is attached as cause, since its message might quote the input.
 */
final class KeyFiles {

  /** RFC 8410: id-Ed25519. */
  static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
  static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  static final String PEM_END = "-----END PRIVATE KEY-----";

  private KeyFiles() {}

  /** A raw-seed file: 64 lowercase hex characters, optionally followed by one {@code \n}. */
  static byte[] rawSeed(byte[] content, Path file) {
    int n = content.length;
    if (n == 65 && content[64] == '\n') {
      n = 64;
    }
    if (n != 64) {
      throw error(file, "a raw-seed file holds 64 lowercase hex characters (a 32-byte seed) and "
          + "an optional newline; found " + content.length + " bytes");
    }
    byte[] seed = new byte[32];
    for (int i = 0; i < 64; i++) {
      int v = nibble(content[i]);
      if (v < 0) {
        Arrays.fill(seed, (byte) 0);
        throw error(file, "a raw-seed file holds lowercase hex only; character " + i
            + " is not one (its value is not shown)");
      }
      seed[i / 2] = (byte) (seed[i / 2] << 4 | v);
    }
    return seed;
  }

  /**
   * A PEM file with one {@code PRIVATE KEY} block holding an RFC 8410 PKCS#8 Ed25519 key
   * (version 0, or version 1 whose optional public key must match the seed).
   */
  static byte[] pemSeed(byte[] content, Path file) {
    byte[] der = pemDer(content, file, PEM_BEGIN, PEM_END);
    try {
      return pkcs8Seed(der, file);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Whether {@code content}, leading white space aside, opens with {@code begin}. */
  static boolean startsWith(byte[] content, String begin) {
    int i = 0;
    while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r'
        || content[i] == '\n')) {
      i++;
    }
    if (content.length - i < begin.length()) {
      return false;
    }
    for (int j = 0; j < begin.length(); j++) {
      if (content[i + j] != begin.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** The DER inside the one {@code begin} … {@code end} block that is the whole file. */
  static byte[] pemDer(byte[] content, Path file, String begin, String end) {
    String text = new String(content, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(begin) || !text.endsWith(end)) {
      throw error(file, "a PEM key file holds exactly one '" + begin + "' … '" + end
          + "' block (PKCS#8, RFC 8410)");
    }
    String body = text.substring(begin.length(), text.length() - end.length());
    if (body.contains("-----")) {
      throw error(file, "a PEM key file holds exactly one "
          + begin.substring("-----BEGIN ".length(), begin.length() - 5) + " block");
    }
    try {
      return Base64.getDecoder().decode(body.replaceAll("[ \\t\\r\\n]", ""));
    } catch (IllegalArgumentException e) {
      throw error(file, "the PEM body is not valid base64");
    }
  }

  /**
   * The seed of a DER RFC 8410 PKCS#8 Ed25519 key; the caller clears {@code der} and the
   * result.
   */
  static byte[] pkcs8Seed(byte[] der, Path file) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw error(file, "the PEM body is not a DER PKCS#8 PrivateKeyInfo");
    }
    if (!ID_ED25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
        || info.getPrivateKeyAlgorithm().getParameters() != null) {
      throw error(file, "the key is not Ed25519: algorithm "
          + info.getPrivateKeyAlgorithm().getAlgorithm() + ", expected 1.3.101.112 without "
          + "parameters (RFC 8410)");
    }
    byte[] seed;
    try {
      seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } catch (IOException | RuntimeException e) {
      throw error(file, "the Ed25519 private key is not an OCTET STRING (RFC 8410 CurvePrivateKey)");
    }
    if (seed.length != Ed25519.SEED_LENGTH) {
      int length = seed.length;
      Arrays.fill(seed, (byte) 0);
      throw error(file, "an Ed25519 private key is 32 bytes, found " + length);
    }
    if (info.hasPublicKey()) {
      byte[] stated = info.getPublicKeyData().getOctets();
      if (!Arrays.equals(stated, Ed25519.publicKey(seed).bytes())) {
        Arrays.fill(seed, (byte) 0);
        throw error(file, "the public key stored in the PKCS#8 file does not belong to its "
            + "private key");
      }
    }
    return seed;
  }

  /**
   * Creates {@code file} with {@code text} in one step, permissions {@code rw-------} from the
   * start, and flushes it to disk; an existing file is never overwritten.
   */
  static void writeOwnerOnly(Path file, byte[] text) {
    try (SeekableByteChannel ch = Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer buf = ByteBuffer.wrap(text);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (ch instanceof java.nio.channels.FileChannel fc) {
        fc.force(true);
      }
    } catch (FileAlreadyExistsException e) {
      throw error(file, "the file already exists; it is never overwritten", e);
    } catch (UnsupportedOperationException e) {
      throw error(file.getParent(), "the file system has no POSIX permissions, so a key file "
          + "cannot be created owner-only");
    } catch (IOException e) {
      throw error(file, "cannot write the key file", e);
    }
  }

  private static int nibble(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  static ConfigurationException error(Path file, String detail) {
    return new ConfigurationException("THY-E304", "E3.4", "key file " + file + ": " + detail,
        List.of(), null);
  }

  static ConfigurationException error(Path file, String detail, IOException cause) {
    return new ConfigurationException("THY-E304", "E3.4", "key file " + file + ": " + detail,
        List.of(), cause);
  }
}
