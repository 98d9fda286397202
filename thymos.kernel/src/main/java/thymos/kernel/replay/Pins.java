package thymos.kernel.replay;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;

/**
 * The drift pins of R3 and the distinct values the report lists (R5). Each pin yields at most one
 * violation, at the first entry whose value differs (the world-hash pin at the head).
 */
final class Pins {

  private final ReplayOptions options;
  private final Findings findings;
  private final TreeSet<String> compilerVersions = new TreeSet<>();
  private final TreeSet<String> policySets = new TreeSet<>();
  private final TreeSet<String> signers = new TreeSet<>();
  // Seen values by identity first, so the hot path does not hex-encode every entry's values.
  private final Set<Object> seen = new HashSet<>();
  private boolean compilerDiffered;
  private boolean policyDiffered;
  private boolean signerDiffered;

  Pins(ReplayOptions options, Findings findings) {
    this.options = options;
    this.findings = findings;
  }

  void entry(Entry entry) {
    entry.signer().ifPresent(k -> {
      if (seen.add(k)) {
        signers.add(k.hex());
      }
    });
    if (!options.signers().isEmpty() && !signerDiffered
        && (entry.signer().isEmpty() || !options.signers().contains(entry.signer().get()))) {
      signerDiffered = true;
      findings.add(Violation.Reason.SIGNER_PIN,
          "signed by one of " + options.signers().size() + " pinned keys",
          entry.signer().map(k -> "signed by " + k.hex()).orElse("unsigned"));
    }
    Optional<String> version = ReplayRun.compilerVersion(entry);
    version.ifPresent(compilerVersions::add);
    if (version.isPresent() && !options.compilerVersions().isEmpty() && !compilerDiffered
        && !options.compilerVersions().contains(version.get())) {
      compilerDiffered = true;
      findings.add(Violation.Reason.COMPILER_VERSION_PIN,
          "one of " + new TreeSet<>(options.compilerVersions()), version.get());
    }
    switch (entry.payload()) {
      case RejectionPayload r -> {
        policySet(r.policySet());
        r.policyTrace().ifPresent(t -> policySet(t.policySet()));
      }
      case CommitPayload c -> policySet(c.proposal().body().policyTrace().policySet());
      case PendingApprovalPayload p -> policySet(p.proposal().body().policyTrace().policySet());
      default -> { }
    }
  }

  private void policySet(Hash32 set) {
    if (seen.add(set)) {
      policySets.add(set.hex());
    }
    if (!options.policySets().isEmpty() && !policyDiffered
        && !options.policySets().contains(set)) {
      policyDiffered = true;
      findings.add(Violation.Reason.POLICY_SET_PIN,
          "one of " + options.policySets().size() + " pinned policy sets", set.hex());
    }
  }

  /** The head and world-hash pins, checked at the head (the caller points the findings at it). */
  void end(Optional<Hash32> headId, Hash32 worldHash) {
    options.head().ifPresent(pinned -> {
      if (!headId.equals(Optional.of(pinned))) {
        findings.add(Violation.Reason.HEAD_PIN, pinned.hex(),
            headId.map(Hash32::hex).orElse("no readable head"));
      }
    });
    options.worldHash().ifPresent(pinned -> {
      if (!pinned.equals(worldHash)) {
        findings.add(Violation.Reason.WORLD_HASH_PIN, pinned.hex(), worldHash.hex());
      }
    });
  }

  /** Restores the values a verified prefix recorded (R6.2), as if its entries had been read. */
  void restore(Collection<String> versions, Collection<String> sets,
      Collection<String> keys) {
    compilerVersions.addAll(versions);
    sets.forEach(h -> policySets.add(Hash32.parse(h).hex()));
    keys.forEach(k -> signers.add(PublicKey.parse(k).hex()));
  }

  /**
   * Whether a prefix that recorded these values passes every pin of the options: then replaying
   * it would have added no pin violation (R3).
   */
  boolean wouldPass(Collection<String> versions, Collection<String> sets,
      Collection<String> keys, boolean everySigned) {
    if (!options.compilerVersions().isEmpty()
        && !options.compilerVersions().containsAll(versions)) {
      return false;
    }
    if (!options.policySets().isEmpty() && !sets.stream().map(Hash32::parse)
        .allMatch(options.policySets()::contains)) {
      return false;
    }
    return options.signers().isEmpty() || everySigned && keys.stream()
        .map(PublicKey::parse).allMatch(options.signers()::contains);
  }

  TreeSet<String> compilerVersions() {
    return compilerVersions;
  }

  TreeSet<String> policySets() {
    return policySets;
  }

  TreeSet<String> signers() {
    return signers;
  }
}
