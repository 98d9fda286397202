package thymos.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and keeps what it printed. */
final class Cli {

  final Path project;

  Cli(Path project) {
    this.project = project;
  }

  /** The exit code and output of one invocation. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--project", project.toString(), "--no-color"));
    all.addAll(List.of(args));
    return raw(all.toArray(String[]::new));
  }

  static Result raw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
