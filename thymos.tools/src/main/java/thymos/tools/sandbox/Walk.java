package thymos.tools.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A walk of a folder tree inside the sandbox (T3.5), as {@code fs_list} and {@code fs_search} do
 * it: folders are opened relative to their parent's handle with no-follow semantics and checked
 * after opening (T3.4); a link is reported as a {@link Type#LINK} entry and never followed, even
 * when the sandbox allows links for {@link Sandbox#resolve}; a path the deny list refuses for
 * reading is skipped with its whole subtree (T3.3). Entries are visited depth first, the names of
 * each folder in code-point order, so a walk of an unchanged tree is repeatable.
 *
 * <p>Bounded: a folder deeper than {@code maxDepth} is reported but not opened, and at most
 * {@code maxNames} directory entries are read in total, so a folder of a million files costs at
 * most {@code maxNames} names of memory and time ({@link Summary#namesCapped()} says so).
 */
public final class Walk {

  /** What a walk entry is, read without following links. */
  public enum Type {
    /** A regular file. */
    FILE,
    /** A folder. */
    FOLDER,
    /** A symbolic link: reported, never followed (T3.5). */
    LINK,
    /** Anything else (a socket, a device, a pipe). */
    OTHER
  }

  /**
   * One entry met by a walk.
   *
   * @param path the entry's accepted path and resource key
   * @param depth 1 for an entry of the walked folder itself, 2 below that, …
   * @param type what it is, not following a link
   * @param size its size in bytes, as {@code lstat} reports it
   */
  public record Entry(SandboxPath path, int depth, Type type, long size) {
    /** Checks for {@code null}. */
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
    }
  }

  /** Receives each entry; returns false to stop the walk. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Visits one entry.
     *
     * @return whether the walk goes on
     */
    boolean visit(Entry entry) throws SandboxViolation, IOException;
  }

  /**
   * How a walk ended.
   *
   * @param stopped whether the visitor stopped it
   * @param namesCapped whether the {@code maxNames} cap cut it
   * @param denied how many entries the deny list skipped (T3.3)
   */
  public record Summary(boolean stopped, boolean namesCapped, long denied) {
    /** Whether some entries were not visited because of a cap or the visitor. */
    public boolean truncated() {
      return stopped || namesCapped;
    }
  }

  private final PathResolver resolver;
  private final int root;
  private final int maxDepth;
  private final long maxNames;
  private final Visitor visitor;
  private long names;
  private long denied;
  private boolean namesCapped;

  private Walk(PathResolver resolver, int root, int maxDepth, long maxNames, Visitor visitor) {
    this.resolver = resolver;
    this.root = root;
    this.maxDepth = maxDepth;
    this.maxNames = maxNames;
    this.visitor = visitor;
  }

  static Summary run(Path rootPath, PathResolver resolver, SandboxPath folder, int maxDepth,
      long maxNames, Visitor visitor) throws SandboxViolation, IOException {
    if (maxDepth < 1 || maxNames < 1) {
      throw new IllegalArgumentException("maxDepth and maxNames must be >= 1");
    }
    Walk w = new Walk(resolver, folder.root(), maxDepth, maxNames, visitor);
    SecureDirectoryStream<Path> dir = folder.segments().isEmpty()
        ? ConfinedIo.openRoot(rootPath, folder.key())
        : ConfinedIo.inParent(rootPath, folder, false, ConfinedIo::openFolder);
    boolean complete;
    try (dir) {
      complete = w.folder(dir, folder.segments(), 1);
    }
    return new Summary(!complete && !w.namesCapped, w.namesCapped, w.denied);
  }

  /** Visits the entries of {@code dir}; false when the walk must end. */
  private boolean folder(SecureDirectoryStream<Path> dir, List<String> at, int depth)
      throws SandboxViolation, IOException {
    List<String> here = new ArrayList<>();
    try {
      for (Path p : dir) {
        if (names >= maxNames) {
          namesCapped = true;
          break;
        }
        names++;
        here.add(p.getFileName().toString());
      }
    } catch (DirectoryIteratorException e) {
      // the folder vanished or became unreadable while listing it: visit what was read
    }
    Collections.sort(here);
    for (String n : here) {
      List<String> segs = new ArrayList<>(at.size() + 1);
      segs.addAll(at);
      segs.add(n);
      if (resolver.denied(segs, Access.READ)) {
        denied++;
        continue;
      }
      SandboxPath path = resolver.path(root, segs);
      Path name = Path.of(n);
      BasicFileAttributes a = ConfinedIo.lstat(dir, name, path.key());
      if (a == null) {
        continue; // removed since the listing
      }
      Type type = a.isSymbolicLink() ? Type.LINK : a.isDirectory() ? Type.FOLDER
          : a.isRegularFile() ? Type.FILE : Type.OTHER;
      if (!visitor.visit(new Entry(path, depth, type, a.size()))) {
        return false;
      }
      if (type == Type.FOLDER && depth < maxDepth) {
        SecureDirectoryStream<Path> sub = openChecked(dir, name, a);
        if (sub != null) {
          try (sub) {
            if (!folder(sub, segs, depth + 1)) {
              return false;
            }
          }
        }
      }
      if (namesCapped) {
        return false;
      }
    }
    return !namesCapped;
  }

  /** Opens a sub-folder no-follow; null when it was replaced or removed since {@code lstat}. */
  private static SecureDirectoryStream<Path> openChecked(SecureDirectoryStream<Path> dir,
      Path name, BasicFileAttributes seen) throws IOException {
    SecureDirectoryStream<Path> sub;
    try {
      sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // ELOOP (now a link), gone, or unreadable: skipped, never followed
    }
    Object key = sub.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
        .fileKey();
    if (!Objects.equals(key, seen.fileKey())) {
      sub.close();
      return null;
    }
    return sub;
  }
}
