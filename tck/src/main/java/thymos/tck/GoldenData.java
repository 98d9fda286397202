package thymos.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The golden data the TCK ships (K3), one set per released version, read from this module's
 * resources ({@code thymos/tck/golden/}): {@code ledger-<v>.jsonl} (a recorded ledger, one
 * canonical entry per line, trajectories one after the other), {@code ledger-<v>.json} (its
 * trust anchors and, per trajectory, the entry count and the replay report, R5) and
 * {@code vectors-<v>.json} (canonical JSON, ids, signatures and Merkle proofs). The files are
 * language-neutral: another implementation of the protocol can check itself against them.
 */
public final class GoldenData {

  private GoldenData() {}

  /** The versions with golden data, oldest first ({@code versions.txt}). */
  public static List<String> versions() throws IOException {
    return Arrays.stream(new String(read("versions.txt"), StandardCharsets.UTF_8).split("\n"))
        .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
  }

  /** The bytes of one golden file. */
  public static byte[] read(String name) throws IOException {
    try (InputStream in = GoldenData.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new IOException("no golden file " + name + " in module thymos.tck");
      }
      return in.readAllBytes();
    }
  }

  /** The lines of a JSON Lines golden file, each without its newline. */
  public static List<byte[]> lines(String name) throws IOException {
    byte[] all = read(name);
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lines.add(Arrays.copyOfRange(all, start, i));
        start = i + 1;
      }
    }
    if (start < all.length) {
      lines.add(Arrays.copyOfRange(all, start, all.length));
    }
    return lines;
  }
}
