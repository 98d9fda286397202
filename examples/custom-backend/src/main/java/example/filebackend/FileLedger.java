package example.filebackend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * A toy durable backend: every accepted append is written as one line to {@code entries.log} in
 * the store's folder and forced to disk before the call returns (L5.1); at open the log is read
 * back. Rule checks and reads are delegated to the in-memory reference backend ({@link
 * MemoryLedger}), which is exactly the contract — so what this class adds is what any backend
 * must add: durability, a format stamp (L5.7) and SPI errors only (L5.6). One process at a time
 * (it declares no {@link Capability#CONCURRENT_PROCESSES}); threads are serialised by a lock.
 *
 * <p>A log line: {@code <trajectory hex> <seq> <id hex> <parent hex or -> <kind> <recorded_ms>
 * <base64 of the canonical bytes>}. A last line without its newline is an append that never
 * returned (a crash mid-write) and is ignored.
 */
public final class FileLedger implements LedgerBackend {

  /** The storage format this code reads and writes (L5.7). */
  public static final int FORMAT_VERSION = 1;
  static final String FORMAT_FILE = "FORMAT";
  static final String LOG_FILE = "entries.log";

  private final MemoryLedger index = new MemoryLedger();
  private final FileChannel log;
  private boolean closed;

  private FileLedger(FileChannel log) {
    this.log = log;
  }

  /**
   * Opens the store in {@code folder}, creating it when the folder is empty or missing.
   *
   * @throws LedgerFormatMismatch for a store of another format version
   * @throws LedgerCorrupted for a log line that does not decode or breaks the chain
   * @throws LedgerUnavailable when the folder cannot be read or written
   */
  public static FileLedger open(Path folder) {
    try {
      Files.createDirectories(folder);
      Path stamp = folder.resolve(FORMAT_FILE);
      if (!Files.exists(stamp)) {
        Files.writeString(stamp, "thymos-file-ledger " + FORMAT_VERSION + "\n");
      }
      String text = Files.readString(stamp).strip();
      int found = parseFormat(text);
      if (found != FORMAT_VERSION) {
        throw new LedgerFormatMismatch(found, FORMAT_VERSION);
      }
      FileChannel log = FileChannel.open(folder.resolve(LOG_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      FileLedger ledger = new FileLedger(log);
      ledger.load(Files.readAllBytes(folder.resolve(LOG_FILE)));
      return ledger;
    } catch (IOException e) {
      throw new LedgerUnavailable("cannot open the file ledger in " + folder + ": "
          + e.getMessage(), e);
    }
  }

  /** Rewrites the format stamp of a closed store (what another release would have written). */
  public static void stampFormat(Path folder, int version) throws IOException {
    Files.writeString(folder.resolve(FORMAT_FILE), "thymos-file-ledger " + version + "\n");
  }

  private static int parseFormat(String text) {
    String[] parts = text.split(" ");
    try {
      if (parts.length == 2 && parts[0].equals("thymos-file-ledger")) {
        return Integer.parseInt(parts[1]);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LedgerCorrupted("the format stamp '" + text + "' is not 'thymos-file-ledger <n>'");
  }

  private void load(byte[] all) {
    int start = 0;
    int lineNo = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lineNo++;
        String line = new String(all, start, i - start, StandardCharsets.US_ASCII);
        StoredEntry e;
        try {
          e = decode(line);
        } catch (RuntimeException bad) {
          throw new LedgerCorrupted(LOG_FILE + " line " + lineNo + " does not decode: "
              + bad.getMessage());
        }
        try {
          index.append(e);
        } catch (RuntimeException bad) {
          throw new LedgerCorrupted(LOG_FILE + " line " + lineNo + " breaks the chain: "
              + bad.getMessage());
        }
        start = i + 1;
      }
    }
  }

  private static String encode(StoredEntry e) {
    return e.trajectoryId().hex() + " " + e.seq() + " " + e.id().hex() + " "
        + e.parent().map(Hash32::hex).orElse("-") + " " + e.kind().wire() + " "
        + e.recordedMs() + " " + Base64.getEncoder().encodeToString(e.canonicalBytes()) + "\n";
  }

  private static StoredEntry decode(String line) {
    String[] f = line.split(" ");
    if (f.length != 7) {
      throw new IllegalArgumentException("expected 7 fields, found " + f.length);
    }
    EntryKind kind = Stream.of(EntryKind.values()).filter(k -> k.wire().equals(f[4]))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown kind " + f[4]));
    return new StoredEntry(Hash32.parse(f[2]), Hash32.parse(f[0]), Long.parseLong(f[1]),
        f[3].equals("-") ? Optional.empty() : Optional.of(Hash32.parse(f[3])), kind,
        Long.parseLong(f[5]), Base64.getDecoder().decode(f[6]));
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.DURABLE_ACROSS_REOPEN);
  }

  @Override
  public int storageFormatVersion() {
    return FORMAT_VERSION;
  }

  @Override
  public void append(StoredEntry entry) {
    appendBatch(List.of(entry));
  }

  @Override
  public synchronized void appendBatch(List<StoredEntry> entries) {
    if (closed) {
      throw new LedgerUnavailable("the file ledger is closed", null);
    }
    if (entries.isEmpty()) {
      return;
    }
    long before = index.head(entries.getFirst().trajectoryId()).map(Head::seq).orElse(-1L);
    index.appendBatch(entries); // every L5.1/L5.3 check; throws before anything is written
    List<StoredEntry> fresh = new ArrayList<>();
    for (StoredEntry e : entries) {
      if (e.seq() > before) {
        fresh.add(e); // a retried prefix is already in the log
      }
    }
    StringBuilder lines = new StringBuilder();
    fresh.forEach(e -> lines.append(encode(e)));
    try {
      ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
      while (buf.hasRemaining()) {
        log.write(buf);
      }
      log.force(false); // durable before the call returns (L5.1)
    } catch (IOException e) {
      // Not acknowledged: this handle stops, and the next open reads what reached the disk.
      close();
      throw new LedgerUnavailable("cannot write the file ledger: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<Head> head(Hash32 trajectoryId) {
    return index.head(trajectoryId);
  }

  @Override
  public synchronized Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq,
      long toSeqExclusive) {
    return index.read(trajectoryId, fromSeq, toSeqExclusive);
  }

  @Override
  public synchronized Optional<Position> locate(Hash32 entryId) {
    return index.locate(entryId);
  }

  @Override
  public synchronized Page<Hash32> trajectories(PageRequest<Hash32> page) {
    return index.trajectories(page);
  }

  @Override
  public synchronized Page<StoredEntry> query(EntryQuery query,
      PageRequest<EntryQuery.Key> page) {
    return index.query(query, page);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    index.close();
    try {
      log.close();
    } catch (IOException e) {
      // every acknowledged line was forced already
    }
  }
}
