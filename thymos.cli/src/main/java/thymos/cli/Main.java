package thymos.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import thymos.api.ConfigurationException;
import thymos.api.LedgerException;
import thymos.api.ThymosException;

/**
 * The {@code thymos} command. Exit codes: 0 ok, 1 verification failed (a replay or audit that
 * found a violation), 2 usage error or refused request (bad arguments, malformed input, an
 * unknown trajectory, a refused vote), 3 configuration error (project, keys, ledger), 4 internal
 * error. Errors print one line with their code; {@code --debug} adds the stack trace.
 */
@Command(name = "thymos", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "Governed execution for AI agents: cognition proposes, the kernel governs, "
        + "the ledger records.",
    subcommands = {InitCommand.class, DemoCommand.class, KeygenCommand.class, WritCommand.class,
        RunCommand.class, VoteCommand.Approve.class, VoteCommand.Deny.class, AuditCommand.class,
        ReplayCommand.class, DagCommand.class, RoutingCommand.class, LedgerCommand.class,
        PluginsCommand.class,
        ProofCommands.Export.class, ProofCommands.Import.class, ProofCommands.CheckpointCmd.class,
        ProofCommands.Prove.class, ProofCommands.VerifyProof.class, AnchorCommand.class,
        PolicyCommand.class, CompensateCommand.class})
public final class Main extends Base {
  @Option(names = "--project", scope = ScopeType.INHERIT, paramLabel = "<folder>",
      description = "The project folder (default: THYMOS_PROJECT, else the nearest folder up "
          + "from here holding thymos.json).")
  java.nio.file.Path projectFolder;

  @Option(names = "--ledger", scope = ScopeType.INHERIT, paramLabel = "<uri>",
      description = "The ledger URI, overriding THYMOS_LEDGER and the config "
          + "(sqlite:<path>, sqlite::memory:, memory:, postgresql://…).")
  String ledgerUri;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print one JSON document (stable, documented) instead of text.")
  boolean jsonOutput;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never colour output.")
  boolean noColor;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean debugFlag;

  @Option(names = "--passphrase-file", scope = ScopeType.INHERIT, paramLabel = "<file>",
      description = "An owner-only file whose first line is the passphrase of encrypted key "
          + "files (default: THYMOS_KEY_PASSPHRASE).")
  java.nio.file.Path passphraseFile;


  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a replay or audit found a violation. */
  public static final int VERIFICATION_FAILED = 1;
  /** Exit code: bad usage, malformed input or a refused request. */
  public static final int USAGE = 2;
  /** Exit code: the project, keys or ledger cannot be set up. */
  public static final int CONFIGURATION = 3;
  /** Exit code: an internal error (a bug). */
  public static final int INTERNAL = 4;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs the command line with {@code args}, writing to {@code out} and {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + e.getMessage());
      err.println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      Base cmd = commandLine.getCommand();
      boolean debug = cmd.debug();
      err.println("error: " + oneLine(e));
      if (debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return exitCode(e);
    });
    return cl.execute(args);
  }

  static int exitCode(Throwable e) {
    return switch (e) {
      case ConfigurationException c -> CONFIGURATION;
      case LedgerException l -> CONFIGURATION;
      case ThymosException t -> USAGE;
      default -> INTERNAL;
    };
  }

  private static String oneLine(Throwable e) {
    String m = e instanceof ThymosException ? e.getMessage()
        : "[THY-INTERNAL] " + e.getClass().getSimpleName() + ": " + e.getMessage()
            + " (a bug; rerun with --debug and report it)";
    return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  @Override
  protected int execute() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return OK;
  }

  /** The version: the kernel's compiler version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"thymos " + thymos.kernel.KernelVersion.COMPILER_VERSION
          + " (protocol " + thymos.kernel.KernelVersion.PROTOCOL + ")"};
    }
  }
}
