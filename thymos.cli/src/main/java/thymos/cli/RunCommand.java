package thymos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Writ;
import thymos.kernel.run.AgentLoop;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.kernel.run.RunEvent;
import thymos.kernel.run.RunListener;
import thymos.kernel.run.ScriptedCognition;

/**
 * {@code thymos run <script.json> --writ <writ>}: opens a run bound to the writ and drives
 * {@link ScriptedCognition} through the agent loop (X10), printing each entry as it is recorded
 * and a summary at the end. {@code --resume <trajectory>} continues a run at its next step, e.g.
 * after the votes on a suspension.
 */
@Command(name = "run", description = "Run a scripted agent under a writ (governed, ledgered).")
final class RunCommand extends Base {

  @Parameters(index = "0", paramLabel = "<script.json>", description = "The cognition script.")
  Path script;

  @Option(names = "--writ", paramLabel = "<writ>",
      description = "Open a new run bound to this writ (id or unique prefix).")
  String writ;

  @Option(names = "--resume", paramLabel = "<trajectory>",
      description = "Continue this run instead, from its next step.")
  String resume;

  @Option(names = "--task", description = "The task given to cognition (default: the script's "
      + "file name).")
  String task;

  @Option(names = "--max-steps", description = "Stop after this many steps "
      + "(default: ${DEFAULT-VALUE}).")
  long maxSteps = 50;

  @Option(names = "--note", description = "A note for the run's root entry.")
  String note = "";

  @Override
  protected int execute() {
    if ((writ == null) == (resume == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give exactly one of --writ (a new run) and --resume (an existing run)");
    }
    ScriptedCognition cognition = load(script);
    try (Project p = project()) {
      String t = task != null ? task : script.getFileName().toString();
      Run run = start(p, out(), writ, resume, note.isEmpty() ? t : note);
      summary(out(), run, AgentLoop.run(run, cognition, t, maxSteps));
    }
    return Main.OK;
  }

  static ScriptedCognition load(Path script) {
    try {
      return ScriptedCognition.parse(Files.readString(script, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ProtocolViolation("X10.3", "", "cannot read script " + script + ": "
          + e.getMessage());
    }
  }

  /** Opens (with {@code writ}) or resumes (with {@code resume}) a run that prints progress. */
  static Run start(Project p, Output out, String writ, String resume, String note) {
    // Entries of delegated children (09 D1) are printed indented under their trajectory.
    AtomicReference<Hash32> own = new AtomicReference<>();
    RunListener progress = event -> {
      if (!out.json && event instanceof RunEvent.EntryAppended a) {
        Hash32 t = a.entry().trajectoryId();
        String child = own.get() == null || own.get().equals(t) ? ""
            : "    " + t.shortDisplay("traj") + " ";
        out.line(String.format("  %s%4d  %-16s %s", child, a.entry().seq(),
            a.entry().kind().wire(), Trajectories.summary(a.entry())));
      }
    };
    Kernel kernel = p.kernel(List.of(progress));
    if (resume != null) {
      own.set(Trajectories.resolve(p.ledger(), resume));
    }
    Run run = resume != null ? kernel.resume(own.get())
        : kernel.open(WritCommand.find(kernel.authority(), writ).id(), note);
    own.set(run.trajectoryId());
    Writ w = run.writ();
    if (!out.json) {
      out.line(out.bold((resume != null ? "resumed run " : "run ") + run.trajectoryId().hex())
          + " under " + w.id().display("writ")
          + (resume != null ? ", at step " + run.nextStep() : ""));
    }
    return run;
  }

  static void summary(Output out, Run run, AgentLoop.Result r) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Outcome o : r.outcomes()) {
      counts.merge(o.status(), 1L, Long::sum);
    }
    if (out.json) {
      Map<String, Json> m = new LinkedHashMap<>();
      m.put("trajectory_id", run.trajectoryId().toJson());
      m.put("writ_id", run.writId().toJson());
      m.put("termination", Json.string(r.termination().wire()));
      r.finalAnswer().ifPresent(a -> m.put("final_answer", Json.string(a)));
      m.put("steps", Json.integer(r.steps()));
      Map<String, Json> c = new LinkedHashMap<>();
      counts.forEach((k, v) -> c.put(k, Json.integer(v)));
      m.put("outcomes", Json.object(c));
      m.put("spent", run.spent().toJson());
      m.put("head", run.head().toJson());
      List<Json> pending = run.pending().stream().map(x -> (Json) x.entry().id().toJson())
          .toList();
      m.put("pending", Json.array(pending));
      out.json(Json.object(m));
      return;
    }
    out.line("termination: " + r.termination().wire() + " after " + r.steps() + " step(s)");
    r.finalAnswer().ifPresent(a -> out.line("answer: " + a));
    out.line("outcomes: " + counts);
    out.line("spent: " + WritCommand.budget(run.spent()));
    for (Outcome.Pending pending : run.pending()) {
      out.line("pending: " + pending.entry().id().hex() + " (thymos approve|deny "
          + pending.entry().id().hex() + ")");
    }
    out.line("audit: thymos audit " + run.trajectoryId().hex());
  }
}
