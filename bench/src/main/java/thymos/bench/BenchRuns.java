package thymos.bench;

import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Nonce;
import thymos.api.json.JsonNumber;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Run;
import thymos.ledger.spi.LedgerBackend;

/**
 * The governed-run set-up the execution benchmarks share: a trust anchor, a writ for {@code
 * scopes} with a budget that never runs out, registered on {@code ledger}, and a run opened under
 * it with a manual clock. Keys and nonces come from {@code entropy}, so each benchmark's ledger is
 * the same on every run.
 */
final class BenchRuns {

  private BenchRuns() {}

  static Run open(LedgerBackend ledger, SeededEntropy entropy, List<String> scopes,
      ToolRegistry tools, PolicyEngine policies) {
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    ManualClock clock = ManualClock.at(2_000);
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    long max = JsonNumber.MAX_SAFE_INTEGER;
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", scopes, new Budget(max, max, max, max),
        Ceiling.ALL, 1_000, 1_000_000_000, new DelegationLimits(1, false),
        Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(tools)
        .policies(policies).build();
    return kernel.open(writ.id(), "bench");
  }
}
