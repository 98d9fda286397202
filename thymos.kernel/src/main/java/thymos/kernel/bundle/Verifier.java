package thymos.kernel.bundle;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ProofException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.model.Checkpoint;
import thymos.api.model.Entry;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.ProofVerification;
import thymos.kernel.bundle.BundleException.Check;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * The first, read-only pass of an import (L8.2): one streaming read of the bundle, and of the
 * target's stored prefix of each trajectory beside it. Keeps per trajectory only O(log n) hashes
 * and the ids ending each write batch.
 */
final class Verifier {

  /** What the write pass needs of one verified trajectory. */
  record Section(Hash32 trajectoryId, long size, long storedBefore, Optional<Hash32> storedHead,
      List<Hash32> boundaries) {}

  /** The verified bundle. */
  record Plan(BundleHeader header, byte[] headerBytes, List<Section> sections) {}

  private final LedgerBackend ledger;
  private final ImportOptions options;
  private final LineReader reader;

  private Verifier(LedgerBackend ledger, LineReader reader, ImportOptions options) {
    this.ledger = ledger;
    this.reader = reader;
    this.options = options;
  }

  static Plan run(LedgerBackend ledger, java.nio.file.Path bundle, ImportOptions options) {
    try (LineReader r = new LineReader(Bundles.open(bundle))) {
      return new Verifier(ledger, r, options).plan();
    }
  }

  private Plan plan() {
    byte[] first = reader.next().orElseThrow(() -> fail(Check.FORMAT, 1, null, -1,
        "empty file: a bundle starts with its header line"));
    BundleHeader header;
    try {
      Json json = Json.parse(first);
      if (!json.hasCanonicalBytes(first)) {
        throw fail(Check.FORMAT, 1, null, -1, "the header is not canonical JSON (E1.1)");
      }
      header = BundleHeader.fromJson(json);
    } catch (ProtocolViolation | ProofException | IllegalArgumentException e) {
      throw fail(Check.FORMAT, 1, null, -1, "not a bundle header: " + e.getMessage());
    }
    checkHeaderSignatures(header);
    List<Section> sections = new ArrayList<>();
    for (BundleHeader.Section s : header.trajectories()) {
      sections.add(section(s));
    }
    if (reader.next().isPresent()) {
      throw fail(Check.FORMAT, reader.line(), null, -1, "extra line after the "
          + header.entries() + " entries the header lists");
    }
    return new Plan(header, first, sections);
  }

  private void checkHeaderSignatures(BundleHeader header) {
    if (header.signer().isPresent() && !header.signatureVerifies()) {
      throw fail(Check.HEADER, 1, null, -1, "the header signature by "
          + header.signer().get().hex() + " does not verify");
    }
    if (!options.signers().isEmpty()
        && (header.signer().isEmpty() || !options.signers().contains(header.signer().get()))) {
      throw fail(Check.HEADER, 1, null, -1, "expected a header signed by one of "
          + options.signers().size() + " pinned keys, found "
          + header.signer().map(k -> "signer " + k.hex()).orElse("an unsigned header"));
    }
    for (BundleHeader.Section s : header.trajectories()) {
      Checkpoint c = s.checkpoint();
      if (!c.signatureVerifies()) {
        throw fail(Check.CHECKPOINT, 1, s.trajectoryId(), -1, "the checkpoint signature by "
            + c.signer().hex() + " does not verify");
      }
      if (!options.signers().isEmpty() && !options.signers().contains(c.signer())) {
        throw fail(Check.CHECKPOINT, 1, s.trajectoryId(), -1, "expected a checkpoint signed by"
            + " one of " + options.signers().size() + " pinned keys, found signer "
            + c.signer().hex());
      }
    }
  }

  private Section section(BundleHeader.Section s) {
    Hash32 t = s.trajectoryId();
    long n = s.size();
    Checkpoint c = s.checkpoint();
    long stored = ledger.head(t).map(h -> h.seq() + 1).orElse(0L);
    long common = Math.min(stored, n);
    RootAccumulator bundleRoot = new RootAccumulator();
    RootAccumulator storedRoot = new RootAccumulator();
    ConsistencyBuilder proof = stored > 0 && stored < n ? new ConsistencyBuilder(t, stored, n)
        : null;
    List<Hash32> boundaries = new ArrayList<>();
    Optional<Hash32> previous = Optional.empty();
    Optional<Hash32> storedHead = Optional.empty();
    try (Stream<StoredEntry> rows = ledger.read(t, 0, common)) {
      Iterator<StoredEntry> it = rows.iterator();
      for (long seq = 0; seq < n; seq++) {
        long lineNo = reader.line() + 1;
        long at = seq;
        byte[] line = reader.next().orElseThrow(() -> fail(Check.FORMAT, lineNo, t, at,
            "the bundle ends early: traj:" + t.hex() + " lists " + n + " entries"));
        Entry e = entry(line, lineNo, t, seq, previous);
        bundleRoot.add(e.id());
        if (proof != null) {
          proof.add(e.id());
        }
        if (seq < common) {
          if (!it.hasNext()) {
            throw new thymos.ledger.spi.LedgerCorrupted("traj:" + t.hex() + " has "
                + stored + " entries but reading stopped at seq " + seq);
          }
          StoredEntry row = it.next();
          storedRoot.add(row.id());
          if (!row.id().equals(e.id()) || !row.hasBytes(line)) {
            throw fail(Check.DIVERGENCE, lineNo, t, seq, "the target holds another history "
                + "from seq " + seq + " on: stored entry " + row.id().hex() + ", bundle entry "
                + e.id().hex());
          }
          if (seq == stored - 1) {
            storedHead = Optional.of(row.id());
          }
        } else if ((seq - stored + 1) % Bundles.BATCH == 0 || seq == n - 1) {
          boundaries.add(e.id());
        }
        previous = Optional.of(e.id());
      }
    }
    long last = reader.line();
    if (!bundleRoot.root().equals(c.root())) {
      throw fail(Check.CHECKPOINT, last, t, -1, "root over the " + n + " entry ids is "
          + bundleRoot.root().hex() + ", the checkpoint says " + c.root().hex());
    }
    if (!previous.equals(Optional.of(c.headEntryId()))) {
      throw fail(Check.CHECKPOINT, last, t, n - 1, "head entry is "
          + previous.map(Hash32::hex).orElse("(none)") + ", the checkpoint says "
          + c.headEntryId().hex());
    }
    if (stored > 0) {
      // L8.2: the stored prefix is a prefix of the checkpointed tree (A3).
      ConsistencyProof p = proof != null ? proof.proof()
          : new ConsistencyProof(t, common, common, List.of());
      ProofVerification v = p.verify(storedRoot.root(), c.root());
      if (v instanceof ProofVerification.Rejected r) {
        throw fail(Check.DIVERGENCE, -1, t, -1, "the stored prefix of " + common
            + " entries is not consistent with the checkpoint: " + r.check() + " expected "
            + r.expected() + ", actual " + r.actual());
      }
    }
    return new Section(t, n, Math.min(stored, n), stored >= n ? Optional.empty() : storedHead,
        List.copyOf(boundaries));
  }

  /** Reads and checks one entry line: form and id (L2.1), chain (L3.1), signature (R2.4). */
  private Entry entry(byte[] line, long lineNo, Hash32 t, long seq, Optional<Hash32> previous) {
    Entry e;
    try {
      e = Entry.parse(line);
    } catch (ProtocolViolation p) {
      throw fail(Check.ENTRY, lineNo, t, seq, p.getMessage());
    }
    if (!e.trajectoryId().equals(t)) {
      throw fail(Check.CHAIN, lineNo, t, seq, "entry of traj:" + e.trajectoryId().hex()
          + " in the section of traj:" + t.hex());
    }
    if (e.seq() != seq) {
      throw fail(Check.CHAIN, lineNo, t, seq, "expected seq " + seq + ", found " + e.seq());
    }
    if (!e.parent().equals(previous)) {
      throw fail(Check.CHAIN, lineNo, t, seq, "expected parent "
          + previous.map(Hash32::hex).orElse("(none)") + ", found "
          + e.parent().map(Hash32::hex).orElse("(none)"));
    }
    if (Bundles.opening(e.kind()) != (seq == 0)) {
      throw fail(Check.CHAIN, lineNo, t, seq, (seq == 0 ? "expected root or branch" 
          : "expected no root or branch") + ", found " + e.kind().wire());
    }
    if (e.isSigned() && !e.signatureVerifies()) {
      throw fail(Check.SIGNATURE, lineNo, t, seq, "the signature by "
          + e.signer().orElseThrow().hex() + " does not verify");
    }
    if (!options.signers().isEmpty()) {
      Optional<PublicKey> k = e.signer();
      if (k.isEmpty() || !options.signers().contains(k.get())) {
        throw fail(Check.SIGNATURE, lineNo, t, seq, "expected an entry signed by one of "
            + options.signers().size() + " pinned keys, found "
            + k.map(x -> "signer " + x.hex()).orElse("an unsigned entry"));
      }
    }
    return e;
  }

  private static BundleException fail(Check check, long line, Hash32 t, long seq,
      String detail) {
    return new BundleException("L8.2", check, line, Optional.ofNullable(t), seq, detail);
  }
}
