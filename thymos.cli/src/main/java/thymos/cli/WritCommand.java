package thymos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.RequestRefused;
import thymos.api.json.Json;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.spi.Signer;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.Rejection;
import thymos.kernel.authority.WritIssuance;
import thymos.kernel.authority.WritTerms;

/** {@code thymos writ issue|show|revoke|list}: capability writs (M2, W1–W6). */
@Command(name = "writ", description = "Issue, show, revoke and list writs.",
    subcommands = {WritCommand.Issue.class, WritCommand.Show.class, WritCommand.Revoke.class,
        WritCommand.ListWrits.class})
final class WritCommand extends Base {

  @Override
  protected int execute() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /** A registered writ by full id or unique prefix (at least 8 hex characters). */
  static Writ find(AuthorityLedger authority, String idOrPrefix) {
    List<Writ> hits = authority.writs().stream()
        .filter(w -> w.id().hex().startsWith(idOrPrefix.replace("writ:", ""))).toList();
    if (idOrPrefix.replace("writ:", "").length() < 8 || hits.size() != 1) {
      throw new RequestRefused("W2.2", "unknown_writ", "no single registered writ matches '"
          + idOrPrefix + "' (" + hits.size() + " match; give at least 8 hex characters)");
    }
    return hits.getFirst();
  }

  /** {@code thymos writ issue}: signs and registers a root writ, or a child with --parent. */
  @Command(name = "issue", description = "Sign and register a writ (a root writ by a trust "
      + "anchor, or a child of --parent signed by that writ's subject).")
  static final class Issue extends Base {
    @Option(names = "--issuer", paramLabel = "<key>",
        description = "Alias of the anchor key signing a root writ (default: anchor).")
    String issuer = "anchor";

    @Option(names = "--parent", paramLabel = "<writ>",
        description = "Delegate from this writ: its subject's key signs (W3).")
    String parent;

    @Option(names = "--subject", paramLabel = "<key>",
        description = "Alias or hex key of the subject (default: agent).")
    String subject = "agent";

    @Option(names = "--subject-name", description = "The subject's name (default: the alias).")
    String subjectName;

    @Option(names = "--tenant", description = "The tenant of a root writ (default: system).")
    String tenant = "system";

    @Option(names = "--scope", required = true, paramLabel = "<pattern>",
        description = "A tool name or prefix* the writ reaches; repeat for more.")
    List<String> scopes;

    @Option(names = "--tokens", description = "Token budget (default: ${DEFAULT-VALUE}).")
    long tokens = 100_000;

    @Option(names = "--tool-calls", description = "Tool-call budget (default: ${DEFAULT-VALUE}).")
    long toolCalls = 100;

    @Option(names = "--wall-clock", converter = Durations.class, paramLabel = "<duration>",
        description = "Wall-clock budget, e.g. 10m (default: 1h).")
    long wallClockMs = 3_600_000;

    @Option(names = "--usd-millicents", description = "Money budget (default: ${DEFAULT-VALUE}).")
    long usd = 100_000;

    @Option(names = "--ceiling", split = ",", paramLabel = "<effect>",
        description = "Effect classes granted: read,write,external,irreversible "
            + "(default: read,write).")
    List<String> ceiling = List.of("read", "write");

    @Option(names = "--valid-for", converter = Durations.class, paramLabel = "<duration>",
        description = "How long from now the writ is valid, e.g. 24h (default: 24h).")
    long validForMs = 86_400_000;

    @Option(names = "--max-depth", description = "How many delegation levels may follow "
        + "(default: ${DEFAULT-VALUE}).")
    long maxDepth = 0;

    @Option(names = "--may-subdivide", description = "Children may split the budget.")
    boolean maySubdivide;

    @Override
    protected int execute() {
      try (Project p = project()) {
        AuthorityLedger authority = p.authority();
        long now = p.clock.nowMs();
        for (String e : ceiling) {
          if (!List.of("read", "write", "external", "irreversible").contains(e)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "unknown effect class '" + e + "' in --ceiling");
          }
        }
        Ceiling c = new Ceiling(ceiling.contains("read"), ceiling.contains("write"),
            ceiling.contains("external"), ceiling.contains("irreversible"));
        WritTerms terms = new WritTerms(subjectName != null ? subjectName : subject,
            p.publicKey(subject), scopes, new Budget(tokens, toolCalls, wallClockMs, usd), c,
            now, now + validForMs, new DelegationLimits(maxDepth, maySubdivide));
        Writ w;
        if (parent != null) {
          w = WritIssuance.issueChild(find(authority, parent), terms, p.keys(), p.entropy);
        } else {
          Signer anchor = p.signer(issuer);
          w = WritIssuance.issueRoot(issuer, anchor, tenant, terms, p.entropy);
        }
        authority.register(w).entryOrThrow();
        if (out().json) {
          out().json(w.toJson());
        } else {
          out().line("registered " + w.id().display("writ"));
          out().line(w.id().hex());
        }
      }
      return Main.OK;
    }
  }

  /** {@code thymos writ show <writ>}: the writ, its chain and its status now. */
  @Command(name = "show", description = "Show a writ, its chain and whether it is usable now.")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "<writ>", description = "Writ id or unique prefix.")
    String id;

    @Override
    protected int execute() {
      try (Project p = project()) {
        AuthorityLedger authority = p.authority();
        Writ w = find(authority, id);
        ChainVerification v = authority.verify(w.id(), p.clock.nowMs());
        String status = v instanceof Rejection r ? r.reason().wire() + ": " + r.detail()
            : "valid";
        if (out().json) {
          Map<String, Json> m = new LinkedHashMap<>();
          m.put("writ", w.toJson());
          m.put("status", Json.string(v instanceof Rejection r ? r.reason().wire() : "valid"));
          m.put("chain", Json.array(chain(authority, w).stream().map(x -> (Json) x.id().toJson())
              .toList()));
          out().json(Json.object(m));
          return Main.OK;
        }
        var b = w.body();
        out().line(out().bold(w.id().display("writ")) + "  " + (v instanceof Rejection
            ? out().red(status) : out().green(status)));
        out().table(List.of("field", "value"), List.of(
            List.of("issuer", b.issuer() + " " + b.issuerKey().hex()),
            List.of("subject", b.subject() + " " + b.subjectKey().hex()),
            List.of("tenant", b.tenant()),
            List.of("scopes", String.join(" ", b.scopes())),
            List.of("budget", budget(b.budget())),
            List.of("ceiling", ceiling(b.effectCeiling())),
            List.of("window", b.notBeforeMs() + " .. " + b.expiresAtMs() + " ms"),
            List.of("delegation", "max_depth " + b.delegation().maxDepth() + ", may_subdivide "
                + b.delegation().maySubdivide()),
            List.of("chain", String.join(" <- ", chain(authority, w).stream()
                .map(x -> x.id().display("writ")).toList()))));
      }
      return Main.OK;
    }
  }

  static List<Writ> chain(AuthorityLedger authority, Writ leaf) {
    List<Writ> out = new ArrayList<>();
    Optional<Writ> w = Optional.of(leaf);
    while (w.isPresent()) {
      out.add(w.get());
      w = w.get().body().parent().flatMap(authority::writ);
    }
    return out;
  }

  static String budget(Budget b) {
    return "tokens " + b.tokens() + ", tool_calls " + b.toolCalls() + ", wall_clock_ms "
        + b.wallClockMs() + ", usd_millicents " + b.usdMillicents();
  }

  static String ceiling(Ceiling c) {
    List<String> e = new ArrayList<>();
    if (c.read()) {
      e.add("read");
    }
    if (c.write()) {
      e.add("write");
    }
    if (c.external()) {
      e.add("external");
    }
    if (c.irreversible()) {
      e.add("irreversible");
    }
    return e.isEmpty() ? "(none)" : String.join(",", e);
  }

  /** {@code thymos writ revoke <writ>}: a signed, ledgered revocation (W5). */
  @Command(name = "revoke", description = "Revoke a writ and everything delegated from it.")
  static final class Revoke extends Base {
    @Parameters(index = "0", paramLabel = "<writ>", description = "Writ id or unique prefix.")
    String id;

    @Option(names = "--reason", required = true, description = "Why (recorded).")
    String reason;

    @Option(names = "--as", paramLabel = "<key>",
        description = "Alias of the revoking key: the writ's issuer or an ancestor's "
            + "(default: anchor).")
    String revoker = "anchor";

    @Override
    protected int execute() {
      try (Project p = project()) {
        AuthorityLedger authority = p.authority();
        Writ w = find(authority, id);
        authority.revoke(RevocationPayload.sign(w.id(), reason, p.signer(revoker)))
            .entryOrThrow();
        if (out().json) {
          out().json(Json.object(Map.of("revoked", w.id().toJson())));
        } else {
          out().line("revoked " + w.id().display("writ"));
        }
      }
      return Main.OK;
    }
  }

  /** {@code thymos writ list}: every registered writ and its status now. */
  @Command(name = "list", description = "List registered writs.")
  static final class ListWrits extends Base {
    @Override
    protected int execute() {
      try (Project p = project()) {
        AuthorityLedger authority = p.authority();
        long now = p.clock.nowMs();
        List<List<String>> rows = new ArrayList<>();
        List<Json> items = new ArrayList<>();
        for (Writ w : authority.writs()) {
          ChainVerification v = authority.verify(w.id(), now);
          String status = v instanceof Rejection r ? r.reason().wire() : "valid";
          rows.add(List.of(w.id().hex().substring(0, 16), w.body().subject(),
              String.join(" ", w.body().scopes()), status));
          items.add(Json.object(Map.of("id", w.id().toJson(), "subject",
              Json.string(w.body().subject()), "status", Json.string(status))));
        }
        if (out().json) {
          out().json(Json.array(items));
        } else {
          out().table(List.of("writ", "subject", "scopes", "status"), rows);
        }
      }
      return Main.OK;
    }
  }
}
