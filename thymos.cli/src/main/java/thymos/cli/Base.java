package thymos.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the global options of {@link Main} (inherited by subcommands, so
 * they may come before or after the command name), the project, and the output.
 */
abstract class Base implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  private Output output;

  /** The root command, which holds the global options. */
  Main root() {
    return (Main) spec.root().userObject();
  }

  boolean debug() {
    return root().debugFlag;
  }

  boolean json() {
    return root().jsonOutput;
  }

  Output out() {
    if (output == null) {
      Main m = root();
      PrintWriter w = spec.commandLine().getOut();
      output = new Output(w, m.jsonOutput, !m.noColor && !m.jsonOutput && Output.colorWanted());
    }
    return output;
  }

  Project project() {
    Main m = root();
    return Project.find(Optional.ofNullable(m.projectFolder), Optional.ofNullable(m.ledgerUri),
        passphrase());
  }

  /** The passphrase of encrypted key files: {@code --passphrase-file}, else the environment. */
  KeyPassphrase passphrase() {
    return new KeyPassphrase(Optional.ofNullable(root().passphraseFile), System::getenv);
  }

  @Override
  public final Integer call() {
    return execute();
  }

  /** Runs the command; returns the exit code. */
  protected abstract int execute();
}
