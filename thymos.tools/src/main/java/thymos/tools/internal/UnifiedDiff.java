package thymos.tools.internal;

import java.util.ArrayList;
import java.util.List;
import thymos.tools.internal.Patches.Mismatch;

/**
 * Parses a single-file unified diff ({@code diff -u}, {@code git diff}) for {@code fs_patch}
 * (T2), strictly: optional header lines ({@code diff }, {@code index }, {@code --- }, {@code +++ })
 * before the first hunk, then hunks {@code @@ -a[,b] +c[,d] @@} whose bodies hold exactly the
 * counted context ({@code ' '}), removed ({@code '-'}) and added ({@code '+'}) lines, each
 * optionally followed by {@code \ No newline at end of file}. An empty body line counts as an empty
 * context line (editors strip the space). Anything else — a second file's header, text between
 * hunks, a count that disagrees with the body — is a {@link Mismatch}. No regular expression is
 * used.
 */
final class UnifiedDiff {

  /** What a body line does. */
  enum Kind { CONTEXT, REMOVE, ADD }

  /** One body line; {@code noNewline} when {@code \ No newline at end of file} followed it. */
  record Op(Kind kind, String text, boolean noNewline) {}

  /** One hunk as parsed. */
  record Hunk(String header, int oldStart, int oldCount, int newStart, int newCount,
      List<Op> ops) {

    /** The lines the file must hold: context and removed, in order. */
    List<String> oldLines() {
      return ops.stream().filter(o -> o.kind() != Kind.ADD).map(Op::text).toList();
    }

    /** Whether the old side's last line has no line ending (it must end the file). */
    boolean oldEndsWithoutNewline() {
      for (int i = ops.size() - 1; i >= 0; i--) {
        if (ops.get(i).kind() != Kind.ADD) {
          return ops.get(i).noNewline();
        }
      }
      return false;
    }
  }

  private UnifiedDiff() {}

  static List<Hunk> parse(String diff) throws Mismatch {
    List<String> lines = new ArrayList<>(List.of(diff.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the diff's own final newline
    }
    lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    List<Hunk> hunks = new ArrayList<>();
    int i = 0;
    boolean headers = true;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (l.startsWith("@@")) {
        headers = false;
        i = hunk(lines, i, hunks);
      } else if (headers && (l.startsWith("--- ") || l.startsWith("+++ ")
          || l.startsWith("diff ") || l.startsWith("index "))) {
        i++;
      } else if (l.isEmpty() && allEmpty(lines, i)) {
        break; // trailing blank lines
      } else if (!headers && (l.startsWith("--- ") || l.startsWith("diff "))) {
        throw new Mismatch("line " + (i + 1) + ": the diff touches a second file; fs_patch"
            + " patches one file, named by \"path\"");
      } else {
        throw new Mismatch("line " + (i + 1) + ": expected a hunk header \"@@ -a,b +c,d @@\","
            + " found " + shown(l));
      }
    }
    if (hunks.isEmpty()) {
      throw new Mismatch("the diff has no hunk (\"@@ -a,b +c,d @@\")");
    }
    return hunks;
  }

  /** Parses the hunk whose header is line {@code i}; returns the index after its body. */
  private static int hunk(List<String> lines, int i, List<Hunk> out) throws Mismatch {
    String header = lines.get(i);
    int[] r = header(header, i + 1);
    int oldLeft = r[1];
    int newLeft = r[3];
    List<Op> ops = new ArrayList<>();
    int j = i + 1;
    while (oldLeft > 0 || newLeft > 0) {
      if (j >= lines.size()) {
        throw new Mismatch("hunk at line " + (i + 1) + " (" + header + ") ends early: "
            + oldLeft + " old and " + newLeft + " new lines missing");
      }
      String l = lines.get(j);
      char c = l.isEmpty() ? ' ' : l.charAt(0);
      String text = l.isEmpty() ? "" : l.substring(1);
      Kind kind = switch (c) {
        case ' ' -> Kind.CONTEXT;
        case '-' -> Kind.REMOVE;
        case '+' -> Kind.ADD;
        case '\\' -> null;
        default -> throw new Mismatch("line " + (j + 1) + " in hunk " + shown(header)
            + " starts with neither ' ', '-', '+' nor '\\': " + shown(l));
      };
      if (kind == null) {
        markNoNewline(ops, j);
        j++;
        continue;
      }
      if (kind != Kind.ADD && oldLeft-- == 0 || kind != Kind.REMOVE && newLeft-- == 0) {
        throw new Mismatch("hunk at line " + (i + 1) + " (" + header + ") has more lines than"
            + " its header counts (line " + (j + 1) + ")");
      }
      ops.add(new Op(kind, text, false));
      j++;
    }
    if (j < lines.size() && lines.get(j).startsWith("\\")) {
      markNoNewline(ops, j);
      j++;
    }
    if (ops.isEmpty()) {
      throw new Mismatch("hunk at line " + (i + 1) + " (" + header + ") changes nothing");
    }
    out.add(new Hunk(header, r[0], r[1], r[2], r[3], List.copyOf(ops)));
    return j;
  }

  private static void markNoNewline(List<Op> ops, int j) throws Mismatch {
    if (ops.isEmpty()) {
      throw new Mismatch("line " + (j + 1) + ": \"\\ No newline at end of file\" follows no line");
    }
    Op last = ops.remove(ops.size() - 1);
    ops.add(new Op(last.kind(), last.text(), true));
  }

  /** {@code [oldStart, oldCount, newStart, newCount]} of {@code @@ -a[,b] +c[,d] @@…}. */
  private static int[] header(String h, int lineNo) throws Mismatch {
    int end = h.indexOf(" @@", 2);
    if (!h.startsWith("@@ -") || end < 0) {
      throw new Mismatch("line " + lineNo + ": malformed hunk header " + shown(h));
    }
    String[] parts = h.substring(3, end).split(" ", -1);
    if (parts.length != 2 || !parts[0].startsWith("-") || !parts[1].startsWith("+")) {
      throw new Mismatch("line " + lineNo + ": malformed hunk header " + shown(h));
    }
    int[] a = range(parts[0].substring(1), h, lineNo);
    int[] b = range(parts[1].substring(1), h, lineNo);
    if (a[1] == 0 && a[0] < 0 || a[1] > 0 && a[0] < 1) {
      throw new Mismatch("line " + lineNo + ": hunk header " + shown(h)
          + " starts before line 1");
    }
    return new int[] {a[0], a[1], b[0], b[1]};
  }

  private static int[] range(String s, String h, int lineNo) throws Mismatch {
    int comma = s.indexOf(',');
    try {
      int start = Integer.parseInt(comma < 0 ? s : s.substring(0, comma));
      int count = comma < 0 ? 1 : Integer.parseInt(s.substring(comma + 1));
      if (start < 0 || count < 0 || count > 10_000_000) {
        throw new NumberFormatException();
      }
      return new int[] {start, count};
    } catch (NumberFormatException e) {
      throw new Mismatch("line " + lineNo + ": bad range \"" + s + "\" in hunk header "
          + shown(h));
    }
  }

  private static boolean allEmpty(List<String> lines, int from) {
    return lines.subList(from, lines.size()).stream().allMatch(String::isEmpty);
  }

  /** A line quoted for a message, cut to 120 characters. */
  static String shown(String s) {
    return "\"" + (s.length() > 120 ? s.substring(0, 120) + "…" : s) + "\"";
  }
}
