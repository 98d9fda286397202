package thymos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Writ;
import thymos.kernel.authority.WritIssuance;
import thymos.kernel.authority.WritTerms;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.run.AgentLoop;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.kernel.run.ScriptedCognition;
import thymos.kernel.run.Termination;

/**
 * {@code thymos demo [example]}: an example end to end on a fresh project — create it, issue the
 * example's writ, run its script, approve what it suspends (when the example says so) and run on,
 * then print the audit trail and the replay verdict. Exit 0 only when replay verifies. Without an
 * example folder it runs the hello example built into the CLI ({@link BundledExamples}), so it
 * works from any folder and from a jlink image.
 *
 * <p>An example folder holds {@code example.json} ({@code {task, writ{scopes, ceiling, budget,
 * valid_for_ms, max_depth?}, policies?, approve?}}; {@code max_depth} lets the agent delegate, 09
 * §D1), {@code script.json} (a ScriptedCognition script) and
 * {@code workspace/} (copied into the sandbox).
 */
@Command(name = "demo", description = "Run an example end to end: project, writ, governed run, "
    + "approval, audit, replay.")
final class DemoCommand extends Base {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<example>",
      description = "The example folder (default: the built-in hello example, a copy of "
          + "examples/hello).")
  Path exampleFolder;

  @Option(names = "--into", paramLabel = "<folder>",
      description = "Create the project here (default: a new temporary folder).")
  Path into;

  @Override
  protected int execute() {
    if (exampleFolder != null) {
      return demo(exampleFolder.toAbsolutePath().normalize());
    }
    Path bundled = BundledExamples.extract("hello");
    try {
      return demo(bundled);
    } finally {
      BundledExamples.delete(bundled);
    }
  }

  private int demo(Path ex) {
    StrictObject example = readExample(ex.resolve("example.json"));
    String task = example.string("task");
    StrictObject writSpec = example.nested("writ");
    List<PolicyProviders.Selection> policies = example.has("policies")
        ? PolicyProviders.Selection.listFromJson(example.value("policies"),
            example.pointer("policies"))
        : List.of();
    boolean approve = example.optBool("approve").orElse(false);
    ScriptedCognition cognition = RunCommand.load(ex.resolve("script.json"));
    Path dir;
    try {
      dir = into != null ? into.toAbsolutePath().normalize()
          : Files.createTempDirectory("thymos-demo-");
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigurationException("THY-C002", null, "cannot create the demo project: "
          + e.getMessage(), List.of(), e);
    }
    InitCommand.create(dir, "sqlite:.thymos/ledger.db", policies, passphrase(), null);
    copyTree(ex.resolve("workspace"), dir.resolve("workspace"));
    Output out = out();
    out.line(out.bold("project ") + dir);
    try (Project p = Project.find(Optional.of(dir), Optional.ofNullable(root().ledgerUri),
        passphrase())) {
      long now = p.clock.nowMs();
      JsonArray ceilingList = writSpec.array("ceiling");
      List<String> effects = ceilingList.elements().stream()
          .map(j -> StrictObject.asString(j, writSpec.pointer("ceiling"))).toList();
      Budget budget = Budget.fromJson(writSpec.value("budget"), writSpec.pointer("budget"));
      List<String> scopes = writSpec.array("scopes").elements().stream()
          .map(j -> StrictObject.asString(j, writSpec.pointer("scopes"))).toList();
      long validFor = writSpec.nonNegative("valid_for_ms");
      long maxDepth = writSpec.optNonNegative("max_depth").orElse(0L);
      writSpec.end();
      example.end();
      WritTerms terms = new WritTerms("agent", p.publicKey("agent"), scopes, budget,
          new Ceiling(effects.contains("read"), effects.contains("write"),
              effects.contains("external"), effects.contains("irreversible")),
          now, now + validFor, new DelegationLimits(maxDepth, maxDepth > 0));
      Writ writ = WritIssuance.issueRoot("anchor", p.signer("anchor"), "system", terms,
          p.entropy);
      p.authority().register(writ).entryOrThrow();
      out.line("writ " + writ.id().hex() + " for agent: " + String.join(" ", scopes));
      out.line("");
      Run run = RunCommand.start(p, out, writ.id().hex(), null, "demo: " + task);
      AgentLoop.Result r = AgentLoop.run(run, cognition, task, 50);
      RunCommand.summary(out, run, r);
      while (approve && r.termination() == Termination.SUSPENDED && !run.pending().isEmpty()) {
        for (Outcome.Pending pending : run.pending()) {
          out.line("");
          out.line(out.bold("approve ") + pending.entry().id().hex() + " as approver");
          var vote = ApprovalPayload.sign(run.trajectoryId(), pending.entry().id(),
              ApprovalPayload.Vote.APPROVE, Optional.of("demo approval"),
              p.signer("approver"));
          out.line("  proposal: " + run.vote(vote).outcome().status());
        }
        out.line("");
        out.line(out.bold("continue the run"));
        r = AgentLoop.run(run, cognition, task, 50);
        RunCommand.summary(out, run, r);
      }
      out.line("");
      out.line(out.bold("audit"));
      return AuditCommand.audit(p, out, run.trajectoryId());
    }
  }

  private static StrictObject readExample(Path file) {
    try {
      return StrictObject.of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), "");
    } catch (IOException e) {
      throw new ConfigurationException("THY-C001", null, "cannot read " + file + ": "
          + e.getMessage(), List.of(), e);
    } catch (ProtocolViolation e) {
      throw new ConfigurationException("THY-C001", null, file + ": " + e.getMessage(),
          List.of(), e);
    }
  }

  private static void copyTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException("THY-C002", null, "cannot copy " + from + ": "
          + e.getMessage(), List.of(), e);
    }
  }
}
