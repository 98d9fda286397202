package thymos.api.crypto;

import java.util.Objects;
import thymos.api.json.Json;

/**
 * Content identifiers (E2): {@code id(type, doc) = BLAKE3-256(tagged(type, doc))}.
 *
 * <p>Ids are on the replay hot path, so they are hashed by this package's own BLAKE3 (hash mode,
 * E2.5), which reads the prefix and the canonical bytes in place instead of building the tagged
 * message.
 */
public final class Ids {

  private Ids() {}

  /**
   * {@code ASCII("thymos/v1/" + type) ‖ 0x00 ‖ JCS(doc)} (E2.1): the message that is hashed for
   * an id and signed for a signature (E3.2). A fresh array the caller may keep.
   *
   * @throws thymos.api.ProtocolViolation if {@code doc} cannot be canonicalised (E1)
   */
  public static byte[] tagged(DocType type, Json doc) {
    byte[] prefix = type.rawPrefix();
    byte[] body = doc.canonicalBytes();
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  /**
   * {@code BLAKE3-256(tagged(type, doc))} (E2.2). Equal for documents equal as JSON values,
   * whatever their member order, since JCS sorts members (E1.1).
   *
   * @throws thymos.api.ProtocolViolation if {@code doc} cannot be canonicalised (E1)
   */
  public static Hash32 id(DocType type, Json doc) {
    byte[] body = doc.canonicalBytes();
    return Hash32.wrap(Blake3.get().hash(type.rawPrefix(), body, 0, body.length));
  }

  /**
   * The id (E2.2) of the object whose canonical form (E1.1) is {@code '{'} followed by
   * {@code canonical[from, canonical.length)}: an object's canonical bytes with its leading
   * members cut off after a {@code ','}. Replay uses it to hash a stored entry without its
   * {@code id}, which JCS order puts first (L2.1), without parsing or re-serialising (R2.2).
   *
   * <p>The caller vouches that the range is canonical JSON of the rest of an object; nothing is
   * checked here but the bounds.
   *
   * @throws IndexOutOfBoundsException if {@code from} is not within {@code canonical}
   */
  public static Hash32 idOfObjectRest(DocType type, byte[] canonical, int from) {
    Objects.checkIndex(from, canonical.length);
    return Hash32.wrap(Blake3.get().hash(type.rawObjectHead(), canonical, from,
        canonical.length - from));
  }

  /**
   * The id (E2.2) of the document whose canonical form (E1.1) is {@code canonical[from, to)}:
   * replay hashes the intent and proposal bodies as they sit inside a canonical stored entry
   * (R2.5), without re-serialising them.
   *
   * <p>The caller vouches that the range is canonical JSON of one value; nothing is checked here
   * but the bounds.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code canonical}
   */
  public static Hash32 idOfRange(DocType type, byte[] canonical, int from, int to) {
    Objects.checkFromToIndex(from, to, canonical.length);
    return Hash32.wrap(Blake3.get().hash(type.rawPrefix(), canonical, from, to - from));
  }

  /**
   * Plain BLAKE3-256 of {@code head ‖ data[off, off + len)} (hash mode, E2.5), a fresh 32-byte
   * array: the Merkle leaf and node hashes of A1 hash a one-byte prefix and bytes in place.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code data}
   */
  public static byte[] blake3(byte[] head, byte[] data, int off, int len) {
    return Blake3.get().hash(head, data, off, len);
  }

  /** Plain BLAKE3-256 of {@code data} (hash mode, E2.5). */
  public static Hash32 blake3(byte[] data) {
    return Hash32.wrap(Blake3.hash(data));
  }
}
