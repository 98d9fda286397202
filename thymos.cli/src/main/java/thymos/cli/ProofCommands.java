package thymos.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.ProofException;
import thymos.api.ProtocolViolation;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.Signer;
import thymos.kernel.bundle.BundleException;
import thymos.kernel.bundle.BundleHeader;
import thymos.kernel.bundle.Bundles;
import thymos.kernel.bundle.ImportOptions;
import thymos.kernel.bundle.ImportResult;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Position;

/**
 * The commands over bundles, checkpoints and audit proofs: {@code export}, {@code import} (L8),
 * {@code checkpoint} (A4), {@code prove} (A2) and {@code verify-proof} (A2–A4).
 */
final class ProofCommands {

  private ProofCommands() {}

  /** The project's runtime key, which signs checkpoints and bundles. */
  static Signer runtimeSigner(Project p, String what) {
    return p.config.runtimeKey().map(p::signer).orElseThrow(() -> new ConfigurationException(
        "THY-C003", null, what + " needs the project's runtime key, and " + ProjectConfig.FILE
            + " names none: run `thymos keygen runtime` and add \"runtime_key\": \"runtime\" to "
            + ProjectConfig.FILE, List.of(), null));
  }

  /** {@code thymos export}. */
  @Command(name = "export", description = "Write trajectories to a bundle file (L8.1): a signed "
      + "header with a checkpoint per trajectory, then every entry's stored bytes.")
  static final class Export extends Base {
    @Parameters(index = "0", arity = "1..*", paramLabel = "<trajectory>",
        description = "Trajectory ids or unique prefixes (at least 8 hex characters).")
    List<String> trajectories;

    @Option(names = "--to", required = true, paramLabel = "<file>",
        description = "The bundle file to write (replaced when complete).")
    Path to;

    @Override
    protected int execute() {
      try (Project p = project()) {
        List<Hash32> ids = new ArrayList<>();
        for (String t : trajectories) {
          ids.add(Trajectories.resolve(p.ledger(), t));
        }
        Signer signer = runtimeSigner(p, "export");
        Path file = to.toAbsolutePath();
        Path temp;
        BundleHeader h;
        try {
          temp = Files.createTempFile(file.getParent(), ".thymos-export", ".tmp");
          try (OutputStream out = Files.newOutputStream(temp)) {
            h = Bundles.export(p.ledger(), ids, out, signer, p.clock);
          }
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Output out = out();
        if (out.json) {
          out.json(Json.object(java.util.Map.of("bundle_id", h.id().toJson(),
              "file", Json.string(file.toString()), "entries", Json.integer(h.entries()),
              "header", h.toJson())));
        } else {
          for (BundleHeader.Section s : h.trajectories()) {
            out.line("traj " + s.trajectoryId().hex() + "  " + s.size() + " entries  root "
                + s.checkpoint().root().hex());
          }
          out.line("exported " + h.entries() + " entries of " + h.trajectories().size()
              + " trajectory(ies) to " + file + " (" + h.id().shortDisplay("bundle") + ")");
        }
        return Main.OK;
      }
    }
  }

  /** {@code thymos import}. */
  @Command(name = "import", description = "Verify a bundle file completely, then append what the "
      + "ledger lacks (L8.2). Nothing is written if any check fails.")
  static final class Import extends Base {
    @Parameters(index = "0", paramLabel = "<file>", description = "The bundle file.")
    Path file;

    @Option(names = "--pin-signer", paramLabel = "<hex>", description = "Require the header, "
        + "every checkpoint and every entry signed by one of these keys; repeatable.")
    List<String> signers = List.of();

    @Override
    protected int execute() {
      try (Project p = project()) {
        ImportOptions o = ImportOptions.defaults();
        if (!signers.isEmpty()) {
          o = o.pinSigners(signers.stream().map(p::publicKey).toArray(PublicKey[]::new));
        }
        ImportResult r;
        try {
          r = Bundles.importBundle(p.ledger(), file, o);
        } catch (BundleException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage().replace('\n', ' '));
          spec.commandLine().getErr().flush();
          return Main.VERIFICATION_FAILED;
        }
        Output out = out();
        if (out.json) {
          List<Json> ts = new ArrayList<>();
          for (ImportResult.Trajectory t : r.trajectories()) {
            ts.add(JsonObject.builder().put("trajectory_id", t.trajectoryId().toJson())
                .put("size", Json.integer(t.size()))
                .put("stored_before", Json.integer(t.storedBefore()))
                .put("appended", Json.integer(t.appended())).build());
          }
          out.json(JsonObject.builder().put("bundle_id", r.bundleId().toJson())
              .put("appended", Json.integer(r.appended())).put("trajectories", Json.array(ts))
              .build());
        } else {
          for (ImportResult.Trajectory t : r.trajectories()) {
            out.line("traj " + t.trajectoryId().hex() + "  " + t.size() + " entries: "
                + t.storedBefore() + " held, " + t.appended() + " appended");
          }
          out.line("verified " + r.bundleId().shortDisplay("bundle") + "; appended "
              + r.appended() + " entries");
        }
        return Main.OK;
      }
    }
  }

  /** {@code thymos checkpoint}. */
  @Command(name = "checkpoint", description = "Sign a checkpoint of a trajectory's head (A4) "
      + "with the project's runtime key.")
  static final class CheckpointCmd extends Base {
    @Parameters(index = "0", paramLabel = "<trajectory>",
        description = "Trajectory id or unique prefix (at least 8 hex characters).")
    String trajectory;

    @Override
    protected int execute() {
      try (Project p = project()) {
        Hash32 t = Trajectories.resolve(p.ledger(), trajectory);
        Checkpoint c = new TrajectoryProofs(p.ledger()).checkpoint(t,
            runtimeSigner(p, "a checkpoint"), p.clock);
        Output out = out();
        if (out.json) {
          out.json(c.toJson());
        } else {
          out.line("checkpoint " + c.id().hex());
          out.line("trajectory " + t.hex() + ", tree size " + c.treeSize());
          out.line("root " + c.root().hex());
          out.line("head " + c.headEntryId().hex());
          out.line("signer " + c.signer().hex() + " at " + Trajectories.time(c.recordedMs()));
        }
        return Main.OK;
      }
    }
  }

  /** {@code thymos prove}. */
  @Command(name = "prove", description = "Print an inclusion proof of an entry (A2) with a signed "
      + "checkpoint of the tree it is proved in (A4); --json gives the file verify-proof reads.")
  static final class Prove extends Base {
    @Parameters(index = "0", paramLabel = "<entry>", description = "The entry id (64 hex).")
    String entry;

    @Option(names = "--size", paramLabel = "<n>", description = "The tree size: the first n "
        + "entries of the trajectory (default: all of them).")
    Long size;

    @Override
    protected int execute() {
      try (Project p = project()) {
        LedgerBackend ledger = p.ledger();
        String hex = entry.contains(":") ? entry.substring(entry.indexOf(':') + 1) : entry;
        Hash32 id = Hash32.parse(hex, "");
        Position at = ledger.locate(id).orElseThrow(() -> new RequestRefused("A2",
            "unknown_entry", "the ledger holds no entry " + id.hex()));
        Hash32 t = at.trajectoryId();
        long n = size != null ? size : ledger.head(t).orElseThrow().seq() + 1;
        TrajectoryProofs proofs = new TrajectoryProofs(ledger);
        InclusionProof proof = proofs.prove(t, at.seq(), n);
        Hash32 headId;
        try (Stream<thymos.ledger.spi.StoredEntry> s = ledger.read(t, n - 1, n)) {
          headId = s.findFirst().orElseThrow().id();
        }
        Checkpoint c = Checkpoint.sign(t, n, proofs.root(t, n), headId, p.clock.nowMs(),
            runtimeSigner(p, "a proof's checkpoint"));
        JsonObject doc = JsonObject.builder().put("kind", Json.string("inclusion"))
            .put("entry_id", id.toJson()).put("proof", proof.toJson())
            .put("checkpoint", c.toJson()).build();
        Output out = out();
        if (out.json) {
          out.json(doc);
        } else {
          out.line("entry " + id.hex() + " at seq " + at.seq() + " of traj " + t.hex());
          out.line("tree size " + n + ", root " + c.root().hex());
          for (int i = 0; i < proof.path().size(); i++) {
            out.line("  path[" + i + "] " + proof.path().get(i).hex());
          }
          out.line("checkpoint signed by " + c.signer().hex());
          out.line(new String(doc.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Main.OK;
      }
    }
  }

  /** {@code thymos verify-proof}. */
  @Command(name = "verify-proof", description = "Verify a proof file (from prove --json) against "
      + "its checkpoint: exit 0 when it holds, 1 when it does not.")
  static final class VerifyProof extends Base {
    @Parameters(index = "0", paramLabel = "<file>", description = "The proof document: "
        + "{kind:\"inclusion\", entry_id, proof, checkpoint} or {kind:\"consistency\", proof, "
        + "checkpoint, newer_checkpoint}.")
    Path file;

    @Option(names = "--signer", paramLabel = "<hex>", description = "Require the checkpoints "
        + "signed by this key (default: the key they name).")
    String signer;

    @Override
    protected int execute() {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      StrictObject o = StrictObject.of(Json.parse(bytes), "");
      String kind = o.string("kind");
      Checkpoint c = o.read("checkpoint", Checkpoint::fromJson);
      List<ProofVerification> checks = new ArrayList<>();
      Optional<PublicKey> pinned = Optional.ofNullable(signer).map(PublicKey::parse);
      checks.add(c.verify(pinned.orElse(c.signer())));
      String what;
      try {
        switch (kind) {
          case "inclusion" -> {
            Hash32 id = o.read("entry_id", Hash32::fromJson);
            InclusionProof proof = o.read("proof", InclusionProof::fromJson);
            o.end();
            checks.add(c.verifyInclusion(id, proof));
            what = "entry " + id.hex() + " is leaf " + proof.seq() + " of " + proof.treeSize();
          }
          case "consistency" -> {
            ConsistencyProof proof = o.read("proof", ConsistencyProof::fromJson);
            Checkpoint newer = o.read("newer_checkpoint", Checkpoint::fromJson);
            o.end();
            checks.add(newer.verify(pinned.orElse(newer.signer())));
            checks.add(c.verifyConsistency(newer, proof));
            what = "the first " + proof.firstSize() + " entries are a prefix of the first "
                + proof.secondSize();
          }
          default -> throw new ProtocolViolation("E1.5", "/kind", "unknown proof kind \"" + kind
              + "\", expected inclusion or consistency");
        }
      } catch (ProofException e) {
        return failed(e.getMessage());
      }
      for (ProofVerification v : checks) {
        if (v instanceof ProofVerification.Rejected r) {
          return failed("[THY-" + r.rule().replace(".", "") + "00] " + r.check()
              + " mismatch: expected " + r.expected() + ", actual " + r.actual());
        }
      }
      Output out = out();
      if (out.json) {
        out.json(JsonObject.builder().put("verified", Json.bool(true))
            .put("checkpoint_id", c.id().toJson()).build());
      } else {
        out.line("verified: " + what + " (checkpoint " + c.id().shortDisplay("checkpoint")
            + " by " + c.signer().hex() + ")");
      }
      return Main.OK;
    }

    private int failed(String why) {
      Output out = out();
      if (out.json) {
        out.json(JsonObject.builder().put("verified", Json.bool(false))
            .put("reason", Json.string(why)).build());
      } else {
        out.line("NOT verified: " + why);
      }
      return Main.VERIFICATION_FAILED;
    }
  }
}
