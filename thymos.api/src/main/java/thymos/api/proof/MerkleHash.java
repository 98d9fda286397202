package thymos.api.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import thymos.api.crypto.Ids;

/**
 * The hash function {@code H} a Merkle tree is built with (A1). Ledgers use {@link #BLAKE3}
 * (BLAKE3-256); {@link #SHA256} is RFC 9162's own choice and checks the implementation against
 * the official proof vectors. Leaf and node hashes are {@code H(0x00 ‖ leaf)} and {@code H(0x01
 * ‖ left ‖ right)} (RFC 9162 §2.1.1), both built on the one primitive {@link #digest}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface MerkleHash {

  /** BLAKE3-256 in hash mode (E2.5), the tree hash of every trajectory (A1). */
  MerkleHash BLAKE3 = new MerkleHash() {
    @Override
    public String name() {
      return "blake3-256";
    }

    @Override
    public int length() {
      return 32;
    }

    @Override
    public byte[] digest(byte[] head, byte[] data, int off, int len) {
      return Ids.blake3(head, data, off, len);
    }

    @Override
    public String toString() {
      return name();
    }
  };

  /** SHA-256 (FIPS 180-4), the hash of RFC 9162's test vectors. */
  MerkleHash SHA256 = new MerkleHash() {
    private final ThreadLocal<MessageDigest> perThread = ThreadLocal.withInitial(() -> {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform provides SHA-256", e);
      }
    });

    @Override
    public String name() {
      return "sha-256";
    }

    @Override
    public int length() {
      return 32;
    }

    @Override
    public byte[] digest(byte[] head, byte[] data, int off, int len) {
      Objects.checkFromIndexSize(off, len, data.length);
      MessageDigest md = perThread.get();
      md.update(head);
      md.update(data, off, len);
      return md.digest();
    }

    @Override
    public String toString() {
      return name();
    }
  };

  /** A short name, e.g. {@code blake3-256}. */
  String name();

  /** The digest length in bytes; every leaf, node and root hash has it. */
  int length();

  /**
   * {@code H(head ‖ data[off, off + len))}, a fresh array of {@link #length()} bytes.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code data}
   */
  byte[] digest(byte[] head, byte[] data, int off, int len);
}
