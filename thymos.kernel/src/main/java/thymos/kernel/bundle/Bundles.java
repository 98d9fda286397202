package thymos.kernel.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Checkpoint;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.spi.Clock;
import thymos.api.spi.Signer;
import thymos.kernel.bundle.BundleException.Check;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.StoredEntry;

/**
 * Export and import of bundles (L8).
 *
 * <p><b>Export (L8.1)</b> reads each trajectory twice through the ledger SPI's paged reads: once
 * to compute its Merkle root for the header's checkpoint (the header comes first), once to copy
 * the entries' stored bytes, checking that they still give the same root. Memory is O(log n) per
 * trajectory; no trajectory is held.
 *
 * <p><b>Import (L8.2)</b> reads the bundle file twice. The first pass verifies everything and
 * writes nothing: the header (format, checkpoint signatures, the header signature), every entry
 * (strict canonical form and id, L2.1; chain, L3.1; signatures, R2.4; pinned signers), each
 * trajectory's checkpoint (the root over the entry ids, the head id, the size, A4), and, where the
 * target already holds a prefix of a trajectory, that the prefix matches — entry by entry, naming
 * the first differing seq, and by a consistency proof from the stored prefix's root to the
 * checkpoint's root (A3). The second pass appends only the missing suffix, in all-or-nothing
 * batches (L5.3). Between the passes the file could change, so the first pass keeps the id that
 * ends each batch (32 bytes per {@value #BATCH} entries) and the second re-hashes every entry it
 * writes and refuses a batch whose chain does not end at that id: as ids chain (L2.1), only the
 * verified entries can be written. Importing the same bundle again appends nothing.
 *
 * <p>If the target changes during the second pass (a concurrent append), or the process stops,
 * the batches already appended stay — they are verified entries of the bundle, in order — and a
 * second import completes the rest. Content checks (R2.5) are replay's: run it after importing.
 */
public final class Bundles {

  /** Entries per appended batch in the second import pass. */
  static final int BATCH = 1024;

  private Bundles() {}

  /**
   * Writes a bundle of {@code trajectories} to {@code out} (L8.1): the header line, signed by
   * {@code signer}, with a checkpoint of each trajectory's current head signed by {@code signer}
   * at {@code clock}'s time (A4), then each trajectory's entries in seq order, their stored
   * canonical bytes one per line. {@code out} is flushed, not closed.
   *
   * @return the header written
   * @throws BundleException {@code THY-L801} for a trajectory the ledger does not hold, or one
   *     whose stored rows do not chain (check {@code source})
   * @throws IllegalArgumentException if {@code trajectories} is empty or lists one twice
   * @throws LedgerCorrupted if a trajectory's rows change between the two reads
   * @throws UncheckedIOException if {@code out} fails
   */
  public static BundleHeader export(LedgerBackend ledger, List<Hash32> trajectories,
      OutputStream out, Signer signer, Clock clock) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(clock, "clock");
    if (trajectories.isEmpty() || new HashSet<>(trajectories).size() != trajectories.size()) {
      throw new IllegalArgumentException("export needs distinct trajectories, got "
          + trajectories.size());
    }
    List<BundleHeader.Section> sections = new ArrayList<>();
    for (Hash32 t : trajectories) {
      Head head = ledger.head(t).orElseThrow(() -> new BundleException("L8.1", Check.SOURCE, -1,
          Optional.of(t), -1, "the ledger holds no such trajectory"));
      long size = head.seq() + 1;
      Hash32 root = sourceRoot(ledger, t, size, head.id(), null);
      sections.add(new BundleHeader.Section(t, size,
          Checkpoint.sign(t, size, root, head.id(), clock.nowMs(), signer)));
    }
    BundleHeader header = BundleHeader.sign(sections, signer);
    BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 16);
    try {
      buffered.write(header.toJson().canonicalBytes());
      buffered.write('\n');
      for (BundleHeader.Section s : sections) {
        Hash32 again = sourceRoot(ledger, s.trajectoryId(), s.size(),
            s.checkpoint().headEntryId(), buffered);
        if (!again.equals(s.checkpoint().root())) {
          throw new LedgerCorrupted("traj:" + s.trajectoryId().hex() + " changed during export:"
              + " root " + s.checkpoint().root().hex() + " became " + again.hex());
        }
      }
      buffered.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundle: " + e.getMessage(), e);
    }
    return header;
  }

  /** The root of the first {@code size} rows, checking they chain; copies them to {@code out}. */
  private static Hash32 sourceRoot(LedgerBackend ledger, Hash32 t, long size, Hash32 headId,
      OutputStream out) throws UncheckedIOException {
    RootAccumulator acc = new RootAccumulator();
    Optional<Hash32> previous = Optional.empty();
    try (Stream<StoredEntry> s = ledger.read(t, 0, size)) {
      Iterator<StoredEntry> it = s.iterator();
      while (it.hasNext()) {
        StoredEntry e = it.next();
        if (e.seq() != acc.size() || !e.parent().equals(previous)) {
          throw new BundleException("L8.1", Check.SOURCE, -1, Optional.of(t), e.seq(),
              "stored rows do not chain: expected seq " + acc.size() + " after "
                  + previous.map(Hash32::hex).orElse("(none)"));
        }
        acc.add(e.id());
        previous = Optional.of(e.id());
        if (out != null) {
          out.write(e.canonicalBytes());
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundle: " + e.getMessage(), e);
    }
    if (acc.size() != size || !previous.equals(Optional.of(headId))) {
      throw new BundleException("L8.1", Check.SOURCE, -1, Optional.of(t), acc.size(),
          "reading stopped at seq " + acc.size() + " of " + size + " (head "
              + headId.hex() + ")");
    }
    return acc.root();
  }

  /**
   * Verifies the bundle at {@code bundle} against {@code ledger} as {@link #importBundle} does,
   * without writing anything (L8.2).
   *
   * @return the verified header
   * @throws BundleException {@code THY-L802} naming the check, line, trajectory and seq
   */
  public static BundleHeader verify(LedgerBackend ledger, Path bundle, ImportOptions options) {
    return Verifier.run(ledger, bundle, options).header();
  }

  /**
   * Imports the bundle at {@code bundle} into {@code ledger} (L8.2): verifies everything first
   * and writes nothing if any check fails, then appends each trajectory's missing suffix. A
   * trajectory the target holds entirely (or beyond the bundle, with a matching prefix) is left
   * as it is; importing the same bundle twice changes nothing.
   *
   * @return what was appended
   * @throws BundleException {@code THY-L802} from the verification pass, nothing written: check
   *     {@code format}, {@code header}, {@code entry}, {@code chain}, {@code signature}, {@code
   *     checkpoint}, or {@code divergence} naming the first differing seq
   * @throws UncheckedIOException if the file cannot be read
   * @throws thymos.api.LedgerException from the backend while appending (then the batches
   *     already appended stay; see the class comment)
   */
  public static ImportResult importBundle(LedgerBackend ledger, Path bundle,
      ImportOptions options) {
    Verifier.Plan plan = Verifier.run(ledger, bundle, options);
    List<ImportResult.Trajectory> done = new ArrayList<>();
    try (LineReader r = new LineReader(open(bundle))) {
      byte[] header = r.next().orElseThrow(() -> changed(1));
      if (!java.util.Arrays.equals(header, plan.headerBytes())) {
        throw changed(1);
      }
      for (Verifier.Section s : plan.sections()) {
        done.add(new ImportResult.Trajectory(s.trajectoryId(), s.size(), s.storedBefore(),
            write(ledger, r, s)));
      }
    }
    return new ImportResult(plan.header().id(), done);
  }

  /** Appends the section's entries from {@code storedBefore} on; returns how many. */
  private static long write(LedgerBackend ledger, LineReader r, Verifier.Section s) {
    long from = s.storedBefore();
    long before = ledger.head(s.trajectoryId()).map(h -> h.seq() + 1).orElse(0L);
    Optional<Hash32> previous = s.storedHead();
    List<StoredEntry> batch = new ArrayList<>(BATCH);
    int boundary = 0;
    for (long seq = 0; seq < s.size(); seq++) {
      long lineNo = r.line() + 1;
      byte[] line = r.next().orElseThrow(() -> changed(lineNo));
      if (seq < from) {
        continue; // verified equal to the stored entry in the first pass; not written
      }
      Entry e;
      try {
        e = Entry.parse(line);
      } catch (ProtocolViolation p) {
        throw changed(lineNo);
      }
      if (e.seq() != seq || !e.parent().equals(previous)
          || !e.trajectoryId().equals(s.trajectoryId())) {
        throw changed(lineNo);
      }
      previous = Optional.of(e.id());
      batch.add(new StoredEntry(e.id(), e.trajectoryId(), e.seq(), e.parent(), e.kind(),
          e.recordedMs(), line));
      if (batch.size() == BATCH || seq == s.size() - 1) {
        if (!e.id().equals(s.boundaries().get(boundary++))) {
          throw changed(lineNo);
        }
        ledger.appendBatch(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
    return Math.max(0, s.size() - Math.max(from, before));
  }

  private static BundleException changed(long line) {
    return new BundleException("L8.2", Check.FORMAT, line, Optional.empty(), -1,
        "the bundle file changed after it was verified; nothing more was written");
  }

  static InputStream open(Path bundle) {
    try {
      return Files.newInputStream(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundle " + bundle + ": " + e.getMessage(),
          e);
    }
  }

  /** A view of a stream whose {@code close} only flushes: the caller owns the stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(Objects.requireNonNull(out, "out"));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  static boolean opening(EntryKind kind) {
    return kind == EntryKind.ROOT || kind == EntryKind.BRANCH;
  }
}
