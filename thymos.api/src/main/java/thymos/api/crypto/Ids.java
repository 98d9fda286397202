package thymos.api.crypto;

import thymos.api.json.Json;

/**
 * Content identifiers (E2): {@code id(type, doc) = BLAKE3-256(tagged(type, doc))}.
 */
public final class Ids {

  private Ids() {}

  /** {@code ASCII("thymos/v1/" + type) ‖ 0x00 ‖ JCS(doc)} (E2.1). */
  public static byte[] tagged(DocType type, Json doc) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@code BLAKE3-256(tagged(type, doc))} (E2.2). */
  public static Hash32 id(DocType type, Json doc) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Plain BLAKE3-256 of {@code data} (hash mode, E2.5). */
  public static Hash32 blake3(byte[] data) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
