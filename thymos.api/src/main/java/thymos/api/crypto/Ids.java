package thymos.api.crypto;

import org.bouncycastle.crypto.digests.Blake3Digest;
import thymos.api.json.Json;

/**
 * Content identifiers (E2): {@code id(type, doc) = BLAKE3-256(tagged(type, doc))}.
 *
 * <p>Ids are on the replay hot path, so {@link #id} streams the prefix and the canonical bytes
 * into the digest instead of building the tagged message, and reuses one digest per thread.
 */
public final class Ids {

  // Blake3Digest is stateful and not thread-safe; one per thread avoids allocating its tables
  // per id. Every use starts with reset(), so an earlier failure cannot leak state.
  private static final ThreadLocal<Blake3Digest> DIGEST =
      ThreadLocal.withInitial(() -> new Blake3Digest(Hash32.LENGTH * 8));

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
    byte[] prefix = type.rawPrefix();
    Blake3Digest d = DIGEST.get();
    d.reset();
    d.update(prefix, 0, prefix.length);
    d.update(body, 0, body.length);
    return finish(d);
  }

  /** Plain BLAKE3-256 of {@code data} (hash mode, E2.5). */
  public static Hash32 blake3(byte[] data) {
    Blake3Digest d = DIGEST.get();
    d.reset();
    d.update(data, 0, data.length);
    return finish(d);
  }

  private static Hash32 finish(Blake3Digest d) {
    byte[] out = new byte[Hash32.LENGTH];
    d.doFinal(out, 0); // doFinal resets the digest too
    return Hash32.of(out);
  }
}
