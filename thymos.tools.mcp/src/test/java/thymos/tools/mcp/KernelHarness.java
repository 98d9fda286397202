package thymos.tools.mcp;

import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.memory.MemoryLedger;

/** A real kernel run on the memory ledger over the {@code mcp} provider (T7.3, X2). */
final class KernelHarness {

  final SeededEntropy entropy = new SeededEntropy(11);
  final ManualClock clock = ManualClock.at(2_000);
  final MemoryLedger ledger = new MemoryLedger();
  final McpToolProvider provider = new McpToolProvider();
  final ToolRegistry registry;
  final Run run;

  KernelHarness(JsonObject config) {
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    registry = ToolRegistry.builder().provider(provider, config).build();
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("mcp_*"),
        new Budget(10_000, 100, 600_000, 1_000_000), Ceiling.ALL, 1_000, 100_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    run = kernel.open(writ.id(), "mcp bridge");
  }

  Outcome submit(String tool, String args) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }
}
