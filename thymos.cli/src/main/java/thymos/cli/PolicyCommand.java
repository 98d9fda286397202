package thymos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.spi.Policy;
import thymos.kernel.policy.IssuerPins;
import thymos.kernel.policy.PolicyBundle;
import thymos.kernel.policy.PolicyBundles;

/** {@code thymos policy check|sign}: the linter of policy bundles (P6.7) and their signer (P6.6). */
@Command(name = "policy", description = "Check and sign policy bundles (policy language v1).",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Sign.class})
final class PolicyCommand extends Base {

  @Override
  protected int execute() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /**
   * {@code thymos policy check <bundle> [--intent <example>]… [--issuer <hex>]…}: loads the bundle
   * fail-closed (P6.5, P6.6) and evaluates it against each example, printing the deciding rule and
   * the decision. A load error exits 2 naming the file and the JSON pointer. Needs no project.
   */
  @Command(name = "check", description = "Load a bundle (signed or not) and evaluate it against "
      + "example intents, printing the deciding rule and decision; exit 2 on a load error.")
  static final class Check extends Base {
    @Parameters(index = "0", paramLabel = "<bundle.json>",
        description = "A bundle, or a signed bundle {policy, issuer_key, signature}.")
    Path bundle;

    @Option(names = "--intent", paramLabel = "<example.json>",
        description = "An example to evaluate ({tool, kind?, author?, args?, writ?, proposal?, "
            + "world?, trajectory?}; see docs/policy-language.md); repeatable.")
    List<Path> intents = List.of();

    @Option(names = "--issuer", paramLabel = "<hex>",
        description = "Pin an issuer key (P6.6): only a bundle signed by a pinned key loads; "
            + "repeatable.")
    List<String> issuers = List.of();

    @Override
    protected int execute() {
      IssuerPins pins = issuers.isEmpty() ? IssuerPins.unpinned()
          : IssuerPins.of(issuers.stream().map(h -> PublicKey.parse(h, "--issuer")).toList());
      PolicyBundle b;
      try {
        b = PolicyBundles.load(read(bundle), pins);
      } catch (ProtocolViolation e) {
        spec.commandLine().getErr().println("error: " + bundle + ": " + e.getMessage());
        return Main.USAGE;
      }
      List<Json> results = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      for (Path example : intents) {
        Policy.Ruling r;
        try {
          r = b.ruling(PolicyExample.read(Json.parse(read(example))));
        } catch (ProtocolViolation e) {
          spec.commandLine().getErr().println("error: " + example + ": " + e.getMessage());
          return Main.USAGE;
        }
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("intent", Json.string(example.toString()));
        r.rule().ifPresent(rule -> m.put("rule", Json.string(rule)));
        m.put("decision", r.decision().toJson());
        results.add(Json.object(m));
        lines.add(example + ": " + r.rule().map(rule -> "rule " + rule).orElse("default")
            + " -> " + describe(r.decision()));
      }
      if (out().json) {
        Map<String, Json> head = new LinkedHashMap<>();
        head.put("name", Json.string(b.name()));
        head.put("version", Json.string(b.version()));
        head.put("policy_id", b.id().toJson());
        head.put("rules", Json.array(b.ruleNames().stream().map(Json::string).toList()));
        head.put("default", Json.string(b.defaultDecision().kind()));
        out().json(Json.object(Map.of("bundle", Json.object(head),
            "results", Json.array(results))));
      } else {
        out().line("bundle " + b.name() + "@" + b.version() + " policy:"
            + b.id().hex().substring(0, 12) + ": " + b.ruleNames().size() + " rule(s), default "
            + b.defaultDecision().kind());
        lines.forEach(out()::line);
      }
      return Main.OK;
    }

    static byte[] read(Path file) {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new ConfigurationException("THY-C001", null, "cannot read " + file + ": "
            + e.getMessage(), List.of(), e);
      }
    }

    static String describe(Decision d) {
      return switch (d) {
        case Decision.Permit p -> "permit";
        case Decision.Deny x -> "deny: " + x.reason();
        case Decision.RequireApproval a -> "require_approval on " + a.channel() + " (quorum "
            + a.effectiveQuorum() + "): " + a.reason();
      };
    }
  }

  /**
   * {@code thymos policy sign <bundle> --key <key> [--out <file>]}: signs a bundle that loads with
   * a key of the project's key store, giving {@code {policy, issuer_key, signature}} (P6.6).
   */
  @Command(name = "sign", description = "Sign a bundle with a key of the project (P6.6): prints "
      + "(or writes) {policy, issuer_key, signature}. A bundle that does not load is not signed.")
  static final class Sign extends Base {
    @Parameters(index = "0", paramLabel = "<bundle.json>", description = "An unsigned bundle.")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "<key>",
        description = "The issuer key: an alias of the project's key store, or its hex public "
            + "key.")
    String key;

    @Option(names = "--out", paramLabel = "<file>",
        description = "Write the signed bundle to this file instead of standard output.")
    Path outFile;

    @Override
    protected int execute() {
      JsonObject doc;
      try {
        Json json = Json.parse(Check.read(bundle));
        if (!(json instanceof JsonObject o) || o.members().containsKey("policy")) {
          throw new ProtocolViolation("P6.6", "", "expected an unsigned bundle {name, version,"
              + " default, rules}");
        }
        doc = o;
        PolicyBundle.parse(doc);
      } catch (ProtocolViolation e) {
        spec.commandLine().getErr().println("error: " + bundle + ": " + e.getMessage());
        return Main.USAGE;
      }
      JsonObject signed;
      String issuer;
      try (Project p = project()) {
        var signer = p.signer(key);
        issuer = signer.publicKey().hex();
        signed = PolicyBundles.sign(doc, signer);
      }
      if (outFile == null) {
        out().line(signed.canonicalString());
        return Main.OK;
      }
      try {
        Files.writeString(outFile, signed.canonicalString() + "\n");
      } catch (IOException e) {
        throw new ConfigurationException("THY-C001", null, "cannot write " + outFile + ": "
            + e.getMessage(), List.of(), e);
      }
      out().line("signed policy:" + PolicyBundle.parse(doc).id().hex().substring(0, 12) + " by "
          + issuer + " -> " + outFile);
      return Main.OK;
    }
  }
}
