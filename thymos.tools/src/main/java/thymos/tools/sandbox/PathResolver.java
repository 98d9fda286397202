package thymos.tools.sandbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import thymos.api.spi.ToolFailure.Kind;

/**
 * Path resolution (T3.2) and the deny list (T3.3): names are applied to the root one by one,
 * {@code ..} may not leave the root, and every existing component is inspected without following
 * links. Resolution is advisory for what exists; {@link ConfinedIo} re-checks at use (T3.4).
 */
final class PathResolver {

  private final List<Path> roots;
  private final boolean allowLinks;
  private final List<Glob> deny;
  private final List<Glob> denyWrite;

  PathResolver(List<Path> roots, boolean allowLinks, List<Glob> deny, List<Glob> denyWrite) {
    this.roots = List.copyOf(roots);
    this.allowLinks = allowLinks;
    this.deny = List.copyOf(deny);
    this.denyWrite = List.copyOf(denyWrite);
  }

  /** T3.2: component by component from the root, never following a link. */
  SandboxPath walk(int root, List<String> names, String shown, Access access)
      throws SandboxViolation {
    List<String> lexical = new ArrayList<>();
    for (String n : names) {
      step(lexical, n, shown);
    }
    checkDeny(lexical, shown, access);
    List<String> at = new ArrayList<>();
    for (String n : names) {
      if (!step(at, n, shown)) {
        continue;
      }
      Path here = roots.get(root).resolve(String.join("/", at));
      if (!isLink(here, shown)) {
        continue;
      }
      if (!allowLinks) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
            "component \"" + n + "\" is a symbolic link (T3.2)");
      }
      Path target;
      try {
        target = here.toRealPath();
      } catch (NoSuchFileException e) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
            "component \"" + n + "\" is a dangling symbolic link (T3.2)");
      } catch (IOException e) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
            "symbolic link \"" + n + "\" cannot be resolved (T3.2)", e);
      }
      int inside = -1;
      for (int i = 0; i < roots.size() && inside < 0; i++) {
        inside = target.startsWith(roots.get(i)) ? i : -1;
      }
      if (inside < 0) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
            "symbolic link \"" + n + "\" points outside every root (T3.2)");
      }
      root = inside;
      at.clear();
      roots.get(root).relativize(target).forEach(x -> {
        if (!x.toString().isEmpty()) {
          at.add(x.toString());
        }
      });
    }
    checkDeny(at, shown, access);
    return path(root, at);
  }

  /** The accepted path for {@code segments} below root {@code root}, with its resource key. */
  SandboxPath path(int root, List<String> segments) {
    String rel = segments.isEmpty() ? "." : String.join("/", segments);
    return new SandboxPath(root, segments, roots.size() > 1 ? root + "/" + rel : rel);
  }

  /** Whether the deny list refuses {@code segments} for {@code access} (T3.3, T3.5). */
  boolean denied(List<String> segments, Access access) {
    for (Glob g : deny) {
      if (g.matches(segments)) {
        return true;
      }
    }
    if (access == Access.WRITE) {
      for (Glob g : denyWrite) {
        if (g.matches(segments)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Applies one name to {@code at}; false for {@code .}; refuses {@code ..} at the root. */
  private static boolean step(List<String> at, String n, String shown) throws SandboxViolation {
    if (n.equals(".") || n.isEmpty()) {
      return false;
    }
    if (n.equals("..")) {
      if (at.isEmpty()) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, shown, "\"..\" leaves the root (T3.2)");
      }
      at.remove(at.size() - 1);
      return false;
    }
    at.add(n);
    return true;
  }

  private static boolean isLink(Path p, String shown) throws SandboxViolation {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isSymbolicLink();
    } catch (NoSuchFileException e) {
      return false;
    } catch (FileSystemException e) {
      // e.g. a regular file used as a folder: the open reports it; never a link to follow
      return false;
    } catch (IOException e) {
      throw new SandboxViolation(Kind.TOOL_ERROR, shown, "cannot inspect: " + e, e);
    }
  }

  private void checkDeny(List<String> segments, String shown, Access access)
      throws SandboxViolation {
    for (Glob g : deny) {
      if (g.matches(segments)) {
        throw new SandboxViolation(Kind.PATH_DENIED, shown, "denied by \"" + g + "\" (T3.3)");
      }
    }
    if (access == Access.WRITE) {
      for (Glob g : denyWrite) {
        if (g.matches(segments)) {
          throw new SandboxViolation(Kind.PATH_DENIED, shown,
              "writes denied by \"" + g + "\" (T3.3)");
        }
      }
    }
  }
}
