package thymos.federation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;

/**
 * See {@link FileAnchorSinkProvider}. Appends hold an exclusive file lock, so several processes
 * may share one file; every append first re-reads and re-checks the whole chain, and compares it
 * with the prefix this sink saw last, so a file rewritten behind its back is refused even when
 * the rewriter recomputed the chain.
 */
final class FileAnchorSink implements AnchorSink {

  private static final Hash32 GENESIS = Hash32.of(new byte[Hash32.LENGTH]);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path path;
  // What this sink saw last: the number of lines and the hash of the last one.
  private long seenLines;
  private Hash32 seenHead = GENESIS;

  FileAnchorSink(Path path) {
    this.path = path;
  }

  @Override
  public String name() {
    return FileAnchorSinkProvider.NAME;
  }

  /** One line as read back: its number, hash and checkpoint. */
  private record Line(long number, Hash32 hash, Checkpoint checkpoint) {}

  @Override
  public synchronized AnchorReceipt publish(Checkpoint checkpoint) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      if (!Files.exists(path)) {
        try {
          Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException another) {
          // created meanwhile by another process: fine, it is checked below like any file
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(path);
        }
      }
      requireOwnerOnly();
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ,
          StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
        List<Line> lines = readChecked(ch);
        requireSeenPrefix(lines);
        requireNotForked(lines, checkpoint);
        long number = lines.size();
        Hash32 prev = lines.isEmpty() ? GENESIS : lines.getLast().hash();
        byte[] line = JsonObject.builder().put("line", Json.integer(number))
            .put("prev", prev.toJson()).put("checkpoint", checkpoint.toJson()).build()
            .canonicalBytes();
        ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        ch.position(ch.size());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
        Hash32 hash = Ids.blake3(line);
        seenLines = number + 1;
        seenHead = hash;
        return new AnchorReceipt(name(), checkpoint, JsonObject.builder()
            .put("path", Json.string(path.toString())).put("line", Json.integer(number))
            .put("line_hash", hash.toJson()).build());
      }
    } catch (IOException e) {
      throw new AnchorSinkFailure(name(), "cannot append to " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized ProofVerification verify(AnchorReceipt receipt) {
    long line;
    Hash32 lineHash;
    String recordedPath;
    try {
      StrictObject o = StrictObject.of(receipt.evidence(), "/evidence");
      recordedPath = o.string("path");
      line = o.nonNegative("line");
      lineHash = o.read("line_hash", Hash32::fromJson);
      o.end();
    } catch (RuntimeException e) {
      return rejected("evidence", "{path, line, line_hash}", e.getMessage());
    }
    if (!receipt.sink().equals(name())) {
      return rejected("sink", name(), receipt.sink());
    }
    if (!recordedPath.equals(path.toString())) {
      return rejected("path", path.toString(), recordedPath);
    }
    List<Line> lines;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      lines = readChecked(ch);
    } catch (AnchorSinkFailure rewritten) {
      return rejected("history", "an intact chain of lines in " + path, rewritten.getMessage());
    } catch (java.nio.file.NoSuchFileException gone) {
      return rejected("history", "the anchor file " + path, "no such file");
    } catch (IOException e) {
      throw new AnchorSinkFailure(name(), "cannot read " + path + ": " + e.getMessage(), e);
    }
    if (line >= lines.size()) {
      return rejected("line", "a line " + line + " in " + path, lines.size() + " lines");
    }
    Line l = lines.get((int) line);
    if (!l.hash().equals(lineHash)) {
      return rejected("line_hash", lineHash.hex(), l.hash().hex());
    }
    if (!l.checkpoint().equals(receipt.checkpoint())) {
      return rejected("checkpoint", "checkpoint:" + receipt.checkpoint().id().hex(),
          "checkpoint:" + l.checkpoint().id().hex());
    }
    return ProofVerification.Verified.INSTANCE;
  }

  private static ProofVerification rejected(String check, String expected, String actual) {
    return new ProofVerification.Rejected("A5.2", check, expected, actual);
  }

  private void requireOwnerOnly() throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: nothing to check
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new AnchorSinkFailure(name(), path + " is readable or writable by others ("
          + PosixFilePermissions.toString(perms) + "); an anchor file must be owner-only "
          + "(chmod 600)", null);
    }
  }

  /** Every line, checked: canonical, numbered in order, each chained to the one before. */
  private List<Line> readChecked(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new AnchorSinkFailure(name(), path + " is too large to check (" + size + " bytes)",
          null);
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    ch.position(0);
    while (buf.hasRemaining() && ch.read(buf) >= 0) {
      // read it all
    }
    byte[] all = buf.array();
    if (all.length > 0 && all[all.length - 1] != '\n') {
      throw rewritten(-1, "the file does not end with a complete line");
    }
    List<Line> lines = new ArrayList<>();
    Hash32 prev = GENESIS;
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      byte[] bytes = Arrays.copyOfRange(all, start, i);
      start = i + 1;
      long n = lines.size();
      Checkpoint c;
      try {
        Json json = Json.parse(bytes);
        if (!json.hasCanonicalBytes(bytes)) {
          throw rewritten(n, "not in canonical form");
        }
        StrictObject o = StrictObject.of(json, "");
        long number = o.nonNegative("line");
        Hash32 p = o.read("prev", Hash32::fromJson);
        c = o.read("checkpoint", Checkpoint::fromJson);
        o.end();
        if (number != n) {
          throw rewritten(n, "numbered " + number);
        }
        if (!p.equals(prev)) {
          throw rewritten(n, "prev is " + p.hex() + ", the hash of the line before is "
              + prev.hex());
        }
      } catch (AnchorSinkFailure e) {
        throw e;
      } catch (RuntimeException e) {
        throw rewritten(n, "unreadable: " + e.getMessage());
      }
      prev = Ids.blake3(bytes);
      lines.add(new Line(n, prev, c));
    }
    return lines;
  }

  private void requireSeenPrefix(List<Line> lines) {
    if (seenLines == 0) {
      return;
    }
    if (lines.size() < seenLines || !lines.get((int) seenLines - 1).hash().equals(seenHead)) {
      throw rewritten(seenLines - 1, "this sink saw " + seenLines + " lines ending in "
          + seenHead.hex() + ", the file now has " + lines.size() + (lines.size() >= seenLines
              ? " lines ending there in " + lines.get((int) seenLines - 1).hash().hex() : ""));
    }
  }

  /** A published history may only grow: never a smaller tree, never another root at one size. */
  private void requireNotForked(List<Line> lines, Checkpoint c) {
    for (Line l : lines) {
      Checkpoint old = l.checkpoint();
      if (!old.trajectoryId().equals(c.trajectoryId())) {
        continue;
      }
      if (old.treeSize() > c.treeSize()
          || old.treeSize() == c.treeSize() && !old.root().equals(c.root())) {
        throw new AnchorSinkFailure(name(), "checkpoint:" + c.id().hex() + " (tree size "
            + c.treeSize() + ", root " + c.root().hex() + ") does not follow line " + l.number()
            + " of " + path + " (tree size " + old.treeSize() + ", root " + old.root().hex()
            + ")", null);
      }
    }
  }

  private AnchorSinkFailure rewritten(long line, String what) {
    return new AnchorSinkFailure(name(), "history of " + path + " was rewritten"
        + (line >= 0 ? " at line " + line : "") + ": " + what, null);
  }
}
