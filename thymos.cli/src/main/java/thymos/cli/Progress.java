package thymos.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error, redrawn at most every 100 ms, and only when standard
 * error is a terminal and the work is long (at least 20,000 items); otherwise it prints nothing,
 * so piped and {@code --json} output stay clean.
 */
final class Progress {

  private static final long MIN_ITEMS = 20_000;
  private static final Progress NONE = new Progress(null, "", 0);

  private final PrintStream err;
  private final String label;
  private final long total;
  private long done;
  private long lastDrawNs;

  private Progress(PrintStream err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  /** A bar for {@code total} items when stderr is a terminal and the work is long. */
  static Progress onTerminal(String label, long total) {
    boolean tty = Terminal.attached() && System.getenv("NO_COLOR") == null
        && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    return tty && total >= MIN_ITEMS ? new Progress(System.err, label, total) : NONE;
  }

  void step() {
    if (err == null) {
      return;
    }
    done++;
    long now = System.nanoTime();
    if (now - lastDrawNs > 100_000_000L || done == total) {
      lastDrawNs = now;
      int width = 30;
      int filled = (int) (width * done / Math.max(1, total));
      err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
          + String.format("%,d / %,d", done, total));
      err.flush();
    }
  }

  void done() {
    if (err != null) {
      err.print("\r" + " ".repeat(label.length() + 60) + "\r");
      err.flush();
    }
  }
}
