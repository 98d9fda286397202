package thymos.federation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Checkpoint;

/** Keys and checkpoints for the sink tests. */
final class Fixtures {

  static final Ed25519Signer RUNTIME = Ed25519Signer.fromSeed(new byte[32]);
  static final Ed25519Signer WITNESS = Ed25519Signer.fromSeed(seed(3));
  static final Ed25519Signer OTHER = Ed25519Signer.fromSeed(seed(9));
  static final Hash32 TRAJECTORY = Ids.blake3("anchors".getBytes(StandardCharsets.UTF_8));

  private Fixtures() {}

  static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  /** A signed checkpoint of size {@code size} whose root is derived from {@code root}. */
  static Checkpoint checkpoint(long size, String root) {
    return Checkpoint.sign(TRAJECTORY, size, Ids.blake3(root.getBytes(StandardCharsets.UTF_8)),
        Ids.blake3(("head " + size).getBytes(StandardCharsets.UTF_8)), 1_790_000_000_000L + size,
        RUNTIME);
  }
}
