package thymos.tools.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A string with {@code {arg}} placeholders (T6.2), parsed once at load. Grammar: {@code {name}}
 * with {@code name} = {@code [A-Za-z_][A-Za-z0-9_]*} is a placeholder; <code>&#123;&#123;</code>
 * and <code>&#125;&#125;</code> are a literal brace; any other brace is a load error. {@link #fill} inserts each value once,
 * as text, and never rescans it: a value holding {@code {b}} stays literal (no nested expansion).
 */
final class Template {

  /** One piece: a literal text or a placeholder. */
  sealed interface Part permits Literal, Slot {}

  /** Literal text (braces already unescaped). */
  record Literal(String text) implements Part {}

  /** A placeholder naming an argument. */
  record Slot(String name) implements Part {}

  /** A malformed template: what is wrong, for the loader to report with file and pointer. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final List<Part> parts;

  private Template(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Parses {@code text}; literal braces are written doubled. */
  static Template parse(String text) throws Malformed {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '}') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '}') {
          lit.append('}');
          i++;
          continue;
        }
        throw new Malformed("a lone \"}\" at offset " + i + "; write \"}}\" for a literal brace");
      }
      if (c != '{') {
        lit.append(c);
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
        lit.append('{');
        i++;
        continue;
      }
      int end = text.indexOf('}', i + 1);
      String name = end < 0 ? "" : text.substring(i + 1, end);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new Malformed("\"{\" at offset " + i + " does not start a placeholder {name} with"
            + " name [A-Za-z_][A-Za-z0-9_]*; write \"{{\" for a literal brace");
      }
      if (!lit.isEmpty()) {
        parts.add(new Literal(lit.toString()));
        lit.setLength(0);
      }
      parts.add(new Slot(name));
      i = end;
    }
    if (!lit.isEmpty()) {
      parts.add(new Literal(lit.toString()));
    }
    return new Template(parts);
  }

  List<Part> parts() {
    return parts;
  }

  /** The names of the placeholders, in order of first use. */
  Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Slot s) {
        names.add(s.name());
      }
    }
    return names;
  }

  /** Whether the template is one placeholder and nothing else. */
  boolean isSingleSlot() {
    return parts.size() == 1 && parts.get(0) instanceof Slot;
  }

  /** Whether the template holds no placeholder. */
  boolean isLiteral() {
    return parts.stream().noneMatch(p -> p instanceof Slot);
  }

  /**
   * The text with every placeholder replaced by {@code value.apply(name)}, inserted once and
   * never rescanned (T6.2).
   */
  String fill(Function<String, String> value) {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Literal l -> b.append(l.text());
        case Slot s -> b.append(value.apply(s.name()));
      }
    }
    return b.toString();
  }
}
