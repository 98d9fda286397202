package thymos.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import thymos.api.json.Json;

/**
 * Where a command writes: aligned, optionally coloured text for people, or one canonical JSON
 * document for machines ({@code --json}). Colour only when standard output is a terminal and
 * {@code NO_COLOR} is unset.
 */
final class Output {

  private final PrintWriter out;
  final boolean json;
  private final boolean color;

  Output(PrintWriter out, boolean json, boolean color) {
    this.out = out;
    this.json = json;
    this.color = color;
  }

  static boolean colorWanted() {
    return Terminal.attached() && System.getenv("NO_COLOR") == null;
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  void json(Json document) {
    out.println(new String(document.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8));
    out.flush();
  }

  String green(String s) {
    return paint("32", s);
  }

  String red(String s) {
    return paint("31", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /** Prints rows as columns padded to the widest cell (colour codes do not count). */
  void table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] width = new int[header.size()];
    for (List<String> r : all) {
      for (int i = 0; i < r.size() && i < width.length; i++) {
        width[i] = Math.max(width[i], visible(r.get(i)));
      }
    }
    for (int n = 0; n < all.size(); n++) {
      List<String> r = all.get(n);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = n == 0 ? bold(r.get(i)) : r.get(i);
        b.append(cell);
        if (i < r.size() - 1) {
          b.append(" ".repeat(width[i] - visible(r.get(i)) + 2));
        }
      }
      line(b.toString().stripTrailing());
    }
  }

  private static int visible(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
  }
}
