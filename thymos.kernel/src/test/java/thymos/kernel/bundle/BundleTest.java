package thymos.kernel.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Entry;
import thymos.api.model.Payload;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/** Export and import of bundles (L8.1, L8.2) over memory ledgers. */
class BundleTest {

  private static final SeededEntropy ENTROPY = new SeededEntropy(11);
  private static final Ed25519Signer RUNTIME = Ed25519Signer.generate(ENTROPY);
  private static final Ed25519Signer OTHER = Ed25519Signer.generate(ENTROPY);
  private final ManualClock clock = ManualClock.at(5_000);

  @TempDir
  Path dir;

  /** Appends a trajectory of {@code n} entries (root + usage), signed when {@code signed}. */
  static Hash32 trajectory(LedgerBackend ledger, long salt, int n, boolean signed) {
    byte[] b = new byte[32];
    new SeededEntropy(salt).nextBytes(b);
    Hash32 t = Hash32.of(b);
    append(ledger, t, 0, n, signed, salt);
    return t;
  }

  static void append(LedgerBackend ledger, Hash32 t, long from, long to, boolean signed,
      long salt) {
    Optional<Hash32> parent = ledger.head(t).map(h -> h.id());
    for (long seq = from; seq < to; seq++) {
      Payload p = seq == 0 ? RootPayload.bound(t, "bundle test")
          : new UsagePayload("p" + salt, "m", seq, seq, 2 * seq, 7);
      Entry e = signed ? Entry.create(t, seq, parent, 1_000 + seq, p, RUNTIME)
          : Entry.create(t, seq, parent, 1_000 + seq, p);
      ledger.append(StoredEntry.of(e));
      parent = Optional.of(e.id());
    }
  }

  private Path export(LedgerBackend ledger, List<Hash32> ts) throws IOException {
    Path file = dir.resolve("b" + System.nanoTime() + ".jsonl");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bundles.export(ledger, ts, out, RUNTIME, clock);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static List<byte[]> stored(LedgerBackend ledger, Hash32 t) {
    try (Stream<byte[]> s = ledger.readBytes(t)) {
      return s.toList();
    }
  }

  private static void sameEntries(LedgerBackend a, LedgerBackend b, Hash32 t) {
    List<byte[]> x = stored(a, t);
    List<byte[]> y = stored(b, t);
    assertEquals(x.size(), y.size());
    for (int i = 0; i < x.size(); i++) {
      assertArrayEquals(x.get(i), y.get(i), "seq " + i);
    }
  }

  @Test
  void required_L8_1_bundleIsHeaderThenEntriesCanonicalBytesOnePerLine() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 1, 5, true);
    Path file = export(source, List.of(t));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(6, lines.size());
    BundleHeader h = BundleHeader.fromJson(Json.parse(lines.get(0)));
    assertEquals(lines.get(0), h.toJson().canonicalString());
    assertTrue(h.signatureVerifies());
    assertEquals(5, h.trajectories().get(0).size());
    assertEquals(new TrajectoryProofs(source).root(t, 5), h.trajectories().get(0).checkpoint()
        .root());
    List<byte[]> bytes = stored(source, t);
    for (int i = 0; i < 5; i++) {
      assertEquals(new String(bytes.get(i), StandardCharsets.UTF_8), lines.get(i + 1));
    }
  }

  @Test
  void required_L8_2_importReproducesEntriesAndIsIdempotent() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 a = trajectory(source, 1, 7, true);
    Hash32 b = trajectory(source, 2, 1, false);
    Path file = export(source, List.of(a, b));
    MemoryLedger target = new MemoryLedger();

    ImportResult first = Bundles.importBundle(target, file, ImportOptions.defaults());
    assertEquals(8, first.appended());
    sameEntries(source, target, a);
    sameEntries(source, target, b);

    ImportResult again = Bundles.importBundle(target, file, ImportOptions.defaults());
    assertEquals(0, again.appended());
    sameEntries(source, target, a);
  }

  @Test
  void required_L8_2_importAppendsOnlyTheMissingSuffixOverAMatchingPrefix() throws IOException {
    for (int have : new int[] {1, 2, 3, 1023, 1024, 1025, 1500}) {
      MemoryLedger source = new MemoryLedger();
      MemoryLedger target = new MemoryLedger();
      Hash32 t = trajectory(source, 3, 2_100, false);
      append(target, t, 0, have, false, 3);
      ImportResult r = Bundles.importBundle(target, export(source, List.of(t)),
          ImportOptions.defaults());
      assertEquals(have, r.trajectories().get(0).storedBefore());
      assertEquals(2_100 - have, r.appended(), "had " + have);
      sameEntries(source, target, t);
    }
  }

  @Test
  void required_L8_2_targetAheadOfTheBundleWithAMatchingPrefixIsLeftAsItIs() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 4, 5, false);
    Path file = export(source, List.of(t));
    append(source, t, 5, 9, false, 4);
    assertEquals(0, Bundles.importBundle(source, file, ImportOptions.defaults()).appended());
    assertEquals(9, stored(source, t).size());
  }

  @Test
  void required_L8_2_divergingHistoryNamesTheFirstDifferingSeqAndWritesNothing()
      throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 5, 10, false);
    Hash32 u = trajectory(source, 6, 3, false);
    MemoryLedger target = new MemoryLedger();
    append(target, t, 0, 4, false, 5);
    append(target, t, 4, 6, false, 99); // another history from seq 4 on
    BundleException e = assertThrows(BundleException.class, () -> Bundles.importBundle(target,
        export(source, List.of(u, t)), ImportOptions.defaults()));
    assertEquals(BundleException.Check.DIVERGENCE, e.check());
    assertEquals(OptionalLong.of(4), e.seq());
    assertEquals(Optional.of(t), e.trajectoryId());
    assertEquals("THY-L802", e.code());
    assertTrue(target.head(u).isEmpty(), "nothing written, not even the earlier trajectory");
    assertEquals(6, stored(target, t).size());
  }

  @Test
  void required_L8_2_tamperedEntryIsRefusedWithItsLineAndNothingIsWritten() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 7, 6, true);
    Path file = export(source, List.of(t));
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(4, lines.get(4).replace("\"m\"", "\"n\""));
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    MemoryLedger target = new MemoryLedger();
    BundleException e = assertThrows(BundleException.class,
        () -> Bundles.importBundle(target, file, ImportOptions.defaults()));
    assertEquals(BundleException.Check.ENTRY, e.check());
    assertEquals(OptionalLong.of(5), e.line());
    assertEquals(OptionalLong.of(3), e.seq());
    assertTrue(target.head(t).isEmpty());
  }

  @Test
  void required_L8_2_everyBrokenBundleIsRefusedBeforeWriting() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 8, 4, true);
    Hash32 u = trajectory(source, 9, 3, true);
    List<String> lines = Files.readAllLines(export(source, List.of(t, u)));
    // a swapped pair, a removed line, an extra line, a truncated file, a wrong header
    List<List<String>> broken = new ArrayList<>();
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(2, lines.get(3));
    swapped.set(3, lines.get(2));
    broken.add(swapped);
    List<String> removed = new ArrayList<>(lines);
    removed.remove(7);
    broken.add(removed);
    List<String> extra = new ArrayList<>(lines);
    extra.add(lines.get(7));
    broken.add(extra);
    List<String> moved = new ArrayList<>(lines);
    moved.add(5, moved.remove(7)); // u's last entry inside t's section
    broken.add(moved);
    List<String> header = new ArrayList<>(lines);
    header.set(0, lines.get(0).replace("thymos-bundle/v1", "thymos-bundle/v2"));
    broken.add(header);
    for (List<String> b : broken) {
      Path f = dir.resolve("broken" + broken.indexOf(b));
      Files.writeString(f, String.join("\n", b) + "\n");
      MemoryLedger target = new MemoryLedger();
      assertThrows(BundleException.class,
          () -> Bundles.importBundle(target, f, ImportOptions.defaults()), f.toString());
      assertTrue(target.head(t).isEmpty() && target.head(u).isEmpty());
    }
    Path truncated = dir.resolve("truncated");
    Files.writeString(truncated, String.join("\n", lines)); // no final newline
    BundleException e = assertThrows(BundleException.class,
        () -> Bundles.importBundle(new MemoryLedger(), truncated, ImportOptions.defaults()));
    assertEquals(BundleException.Check.FORMAT, e.check());
  }

  @Test
  void required_L8_2_checkpointMustMatchTheEntries() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 10, 4, false);
    List<String> lines = Files.readAllLines(export(source, List.of(t)));
    MemoryLedger other = new MemoryLedger();
    Hash32 same = trajectory(other, 10, 4, false);
    append(other, same, 4, 6, false, 10);
    // a header of a longer run of the same trajectory over the shorter entries
    List<String> longer = Files.readAllLines(export(other, List.of(same)));
    List<String> mixed = new ArrayList<>(longer.subList(0, 1));
    mixed.addAll(lines.subList(1, 5));
    mixed.addAll(longer.subList(5, 7));
    Files.writeString(dir.resolve("ok"), String.join("\n", mixed) + "\n");
    assertEquals(6, Bundles.importBundle(new MemoryLedger(), dir.resolve("ok"),
        ImportOptions.defaults()).appended());
    // now a checkpoint over a root that the entries do not give
    List<String> wrong = new ArrayList<>(longer.subList(0, 1));
    wrong.addAll(longer.subList(1, 6));
    wrong.add(longer.get(6).replace("\"p10\"", "\"p11\""));
    Files.writeString(dir.resolve("wrong"), String.join("\n", wrong) + "\n");
    BundleException e = assertThrows(BundleException.class, () -> Bundles.importBundle(
        new MemoryLedger(), dir.resolve("wrong"), ImportOptions.defaults()));
    assertEquals(BundleException.Check.ENTRY, e.check()); // its id no longer matches
  }

  @Test
  void required_L8_2_pinnedSignerRefusesAnotherKey() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 12, 3, true);
    Path file = export(source, List.of(t));
    MemoryLedger target = new MemoryLedger();
    BundleException e = assertThrows(BundleException.class, () -> Bundles.importBundle(target,
        file, ImportOptions.defaults().pinSigners(OTHER.publicKey())));
    assertEquals(BundleException.Check.HEADER, e.check());
    assertTrue(target.head(t).isEmpty());
    assertEquals(3, Bundles.importBundle(target, file,
        ImportOptions.defaults().pinSigners(RUNTIME.publicKey())).appended());
  }

  @Test
  void required_L8_2_unsignedEntriesAreRefusedUnderAPinnedSigner() throws IOException {
    MemoryLedger source = new MemoryLedger();
    Hash32 t = trajectory(source, 13, 3, false);
    BundleException e = assertThrows(BundleException.class, () -> Bundles.importBundle(
        new MemoryLedger(), export(source, List.of(t)),
        ImportOptions.defaults().pinSigners(RUNTIME.publicKey())));
    assertEquals(BundleException.Check.SIGNATURE, e.check());
    assertEquals(OptionalLong.of(0), e.seq());
  }

  @Test
  void required_L8_1_exportOfAnUnknownTrajectoryIsTyped() {
    BundleException e = assertThrows(BundleException.class, () -> Bundles.export(
        new MemoryLedger(), List.of(Hash32.of(new byte[32])), new ByteArrayOutputStream(),
        RUNTIME, clock));
    assertEquals("THY-L801", e.code());
  }
}
