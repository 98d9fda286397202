package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Delta;
import thymos.api.model.DeltaResult;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * A real kernel run on the memory ledger with the {@code builtin} provider over one sandbox root
 * (as {@link KernelRunTest} sets it up), plus the checks the hostile-input tests share: the
 * outcome is recorded as the trajectory's last entry, and nothing changed on disk.
 */
final class KernelHarness {

  final SeededEntropy entropy = new SeededEntropy(7);
  final ManualClock clock = ManualClock.at(2_000);
  final MemoryLedger ledger = new MemoryLedger();
  final ToolRegistry registry;
  final Run run;

  KernelHarness(Path root) {
    this(root, "", List.of("fs_*", "kv_*"));
  }

  /**
   * @param moreConfig members added to the {@code builtin} provider's configuration after {@code
   *     sandbox}, with a leading comma (e.g. {@code ,"http":{}}), or empty
   * @param scopes the writ's tool scopes
   */
  KernelHarness(Path root, String moreConfig, List<String> scopes) {
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    JsonObject config = (JsonObject) Json.parse("{\"sandbox\":{\"roots\":["
        + Json.string(root.toString()) + "]}" + moreConfig + "}");
    registry = ToolRegistry.builder().provider(new BuiltinToolProvider(), config).build();
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", scopes,
        new Budget(1_000_000, 100_000, 600_000_000, 1_000_000), Ceiling.ALL, 1_000, 100_000_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    run = kernel.open(writ.id(), "file tools");
  }

  Outcome submit(String tool, JsonObject args) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool, args,
        "scripted", Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }

  Outcome submit(String tool, String args) {
    return submit(tool, (JsonObject) Json.parse(args));
  }

  static CommitPayload committed(Outcome o) {
    return assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
  }

  /** The output of a committed outcome. */
  static JsonObject output(Outcome o) {
    return (JsonObject) committed(o).observations().get(0).output();
  }

  /**
   * Asserts {@code o} is a {@code failure} (of {@code kind}) or a {@code rejection} entry, and
   * that it is the trajectory's last entry in the ledger.
   *
   * @return the wire kind of the failure or rejection
   */
  String refusal(Outcome o) {
    Outcome.Recorded r = switch (o) {
      case Outcome.Failed f -> f;
      case Outcome.Rejected j -> j;
      default -> fail("expected a failure or rejection, got " + o);
    };
    List<StoredEntry> entries;
    try (Stream<StoredEntry> s = ledger.read(run.trajectoryId())) {
      entries = s.toList();
    }
    StoredEntry last = entries.get(entries.size() - 1);
    assertEquals(r.entry().id(), last.id());
    assertEquals(o instanceof Outcome.Failed ? "failure" : "rejection", last.kind().wire());
    return o instanceof Outcome.Failed f ? f.payload().error().kind()
        : ((Outcome.Rejected) o).kind();
  }

  ReplayReport replay() {
    List<byte[]> bytes;
    try (Stream<StoredEntry> s = ledger.read(run.trajectoryId())) {
      bytes = s.map(StoredEntry::canonicalBytes).toList();
    }
    return Replayer.replay(run.trajectoryId(), bytes.iterator(),
        ReplayOptions.defaults().collectAll());
  }

  void assertReplays() {
    ReplayReport report = replay();
    assertTrue(report.verified(), () -> report.toJson().toString());
  }

  static World applied(World w, Delta d) {
    return assertInstanceOf(DeltaResult.Applied.class, w.apply(d, Hash32.of(new byte[32])))
        .world();
  }

  /**
   * Every path under {@code dir} (not following links) with its type and, for files, a hash of
   * the content; for links, their target. Equal snapshots mean nothing on disk changed.
   */
  static TreeMap<String, String> snapshot(Path dir) throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link:" + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir");
        } else if (Files.size(p) > (1 << 20)) {
          out.put(rel, "big:" + Files.size(p)); // never read a sparse giant
        } else {
          out.put(rel, "file:" + sha256(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  static Hash32 zeroKey() {
    return Hash32.of(new byte[Hash32.LENGTH]);
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
