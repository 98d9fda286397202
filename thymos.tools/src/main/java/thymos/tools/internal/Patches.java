package thymos.tools.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The two edit formats of {@code fs_patch} (T2), as pure functions of the file's text: exact
 * search/replace edits, and a single-file unified diff. Both are all-or-nothing: any edit or hunk
 * that does not match throws {@link Mismatch} and nothing is produced, so the tool writes nothing.
 *
 * <p>Unified diffs are applied without fuzz: every context and removed line must equal the file's
 * line exactly (a trailing {@code \r} is ignored on both sides, so a CRLF file takes an LF diff).
 * A hunk may sit at an offset from the line its header states (the file changed above it); the
 * nearest matching position at or after the end of the previous hunk wins and the offset is
 * reported. Added lines take the line ending of the file's first line.
 */
final class Patches {

  /** Why an edit or hunk does not apply; the message is shown to the model. */
  static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  /** One exact search/replace edit; {@code all} replaces every occurrence (at least one). */
  record Edit(String search, String replace, boolean all) {}

  /** One applied hunk: its index, the 1-based line it was found at, and the offset from its header. */
  record Placed(int hunk, int line, int offset) {}

  /** The patched text and, for a diff, where each hunk landed. */
  record Result(String text, List<Placed> hunks, List<Integer> replacements) {}

  private Patches() {}

  /**
   * Applies {@code edits} in order, each to the result of the previous one.
   *
   * @throws Mismatch naming the first edit whose search text occurs zero times, or more than once
   *     without {@code all}
   */
  static Result edits(String text, List<Edit> edits) throws Mismatch {
    String cur = text;
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      Edit e = edits.get(i);
      if (e.search().isEmpty()) {
        throw new Mismatch("edit " + i + ": the search text is empty");
      }
      List<Integer> at = occurrences(cur, e.search());
      if (at.isEmpty()) {
        throw new Mismatch("edit " + i + ": the search text does not occur in the file"
            + (i > 0 ? " (after the edits before it)" : ""));
      }
      if (at.size() > 1 && !e.all()) {
        throw new Mismatch("edit " + i + ": the search text occurs " + at.size()
            + " times (at lines " + lines(cur, at) + "); add context to make it unique or set"
            + " \"all\": true");
      }
      StringBuilder b = new StringBuilder(cur.length());
      int from = 0;
      for (int p : at) {
        b.append(cur, from, p).append(e.replace());
        from = p + e.search().length();
      }
      cur = b.append(cur, from, cur.length()).toString();
      counts.add(at.size());
    }
    return new Result(cur, List.of(), List.copyOf(counts));
  }

  /** Start indices of the non-overlapping occurrences of {@code s} in {@code text}. */
  private static List<Integer> occurrences(String text, String s) {
    List<Integer> out = new ArrayList<>();
    for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length())) {
      out.add(i);
    }
    return out;
  }

  private static String lines(String text, List<Integer> at) {
    List<String> out = new ArrayList<>();
    int line = 1;
    int pos = 0;
    for (int p : at.subList(0, Math.min(5, at.size()))) {
      for (; pos < p; pos++) {
        if (text.charAt(pos) == '\n') {
          line++;
        }
      }
      out.add(Integer.toString(line));
    }
    return String.join(", ", out) + (at.size() > 5 ? ", …" : "");
  }

  /**
   * Applies a single-file unified diff to {@code text}.
   *
   * @throws Mismatch for a malformed diff (no hunk, a bad header, a body whose line counts
   *     disagree with its header, a second file) or a hunk whose lines do not match the file
   */
  static Result diff(String text, String diff) throws Mismatch {
    List<UnifiedDiff.Hunk> hunks = UnifiedDiff.parse(diff);
    List<Line> lines = Line.split(text);
    String eol = lines.isEmpty() || lines.get(0).eol().isEmpty() ? "\n" : lines.get(0).eol();
    List<Line> out = new ArrayList<>();
    List<Placed> placed = new ArrayList<>();
    int pos = 0;
    int carried = 0;
    for (int h = 0; h < hunks.size(); h++) {
      UnifiedDiff.Hunk hunk = hunks.get(h);
      List<String> old = hunk.oldLines();
      int stated = old.isEmpty() ? hunk.oldStart() : hunk.oldStart() - 1;
      int at = find(lines, old, pos, stated + carried, hunk.oldEndsWithoutNewline());
      if (at < 0) {
        throw new Mismatch("hunk " + (h + 1) + " (" + hunk.header() + ") does not apply: "
            + why(lines, old, Math.max(pos, stated + carried)));
      }
      carried = at - stated;
      placed.add(new Placed(h + 1, at + 1, carried));
      out.addAll(lines.subList(pos, at));
      int k = at;
      for (UnifiedDiff.Op op : hunk.ops()) {
        switch (op.kind()) {
          case CONTEXT -> add(out, lines.get(k++), eol);
          case REMOVE -> k++;
          case ADD -> add(out, new Line(op.text(), op.noNewline() ? "" : eol), eol);
        }
      }
      pos = k;
    }
    for (Line l : lines.subList(pos, lines.size())) {
      add(out, l, eol);
    }
    StringBuilder b = new StringBuilder();
    out.forEach(l -> b.append(l.text()).append(l.eol()));
    return new Result(b.toString(), List.copyOf(placed), List.of());
  }

  /** Appends {@code l}, first ending a previous last line that had no line ending. */
  private static void add(List<Line> out, Line l, String eol) {
    int n = out.size();
    if (n > 0 && out.get(n - 1).eol().isEmpty()) {
      out.set(n - 1, new Line(out.get(n - 1).text(), eol));
    }
    out.add(l);
  }

  /** The match position nearest {@code want} at or after {@code from}, or -1. */
  private static int find(List<Line> lines, List<String> old, int from, int want,
      boolean atEof) {
    int last = lines.size() - old.size();
    if (old.isEmpty()) {
      return want >= from && want <= lines.size() ? want : -1; // a pure insertion has no context
    }
    for (int d = 0; ; d++) {
      int lo = want - d;
      int hi = want + d;
      if ((lo < from) && (hi > last)) {
        return -1;
      }
      if (lo >= from && lo <= last && matches(lines, old, lo, atEof)) {
        return lo;
      }
      if (d > 0 && hi >= from && hi <= last && matches(lines, old, hi, atEof)) {
        return hi;
      }
    }
  }

  private static boolean matches(List<Line> lines, List<String> old, int at, boolean atEof) {
    for (int i = 0; i < old.size(); i++) {
      if (!lines.get(at + i).text().equals(old.get(i))) {
        return false;
      }
    }
    return !atEof || at + old.size() == lines.size();
  }

  /** The first difference at the stated position, for the model to correct its hunk. */
  private static String why(List<Line> lines, List<String> old, int at) {
    if (at > lines.size()) {
      return "it starts at line " + (at + 1) + " but the file has " + lines.size() + " lines";
    }
    for (int i = 0; i < old.size(); i++) {
      if (at + i >= lines.size()) {
        return "the file ends at line " + lines.size() + ", before the hunk's line "
            + (i + 1);
      }
      if (!lines.get(at + i).text().equals(old.get(i))) {
        return "line " + (at + i + 1) + " is " + UnifiedDiff.shown(lines.get(at + i).text())
            + ", the hunk expects " + UnifiedDiff.shown(old.get(i))
            + "; no other position matches either";
      }
    }
    return "its context matches only where it would overlap an earlier hunk or leave the end"
        + " of the file";
  }

  /** A line of the file: its text without ending, and the ending ({@code \n}, {@code \r\n}, ""). */
  record Line(String text, String eol) {

    static List<Line> split(String text) {
      List<Line> out = new ArrayList<>();
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        if (nl < 0) {
          out.add(new Line(text.substring(from), ""));
          break;
        }
        boolean crlf = nl > from && text.charAt(nl - 1) == '\r';
        out.add(new Line(text.substring(from, crlf ? nl - 1 : nl), crlf ? "\r\n" : "\n"));
        from = nl + 1;
      }
      return out;
    }
  }
}
