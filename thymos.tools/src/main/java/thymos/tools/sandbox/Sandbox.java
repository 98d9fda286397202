package thymos.tools.sandbox;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure.Kind;

/**
 * Confines file tools to one or more root folders (T3).
 *
 * <ul>
 *   <li>Roots are resolved to real paths when the sandbox is built (T3.1).
 *   <li>{@link #resolve} accepts a path relative to the first root or absolute inside a root, never
 *       empty nor holding NUL; it walks component by component without following symbolic links,
 *       refusing a link component ({@code path_escape}) unless links whose target resolves inside
 *       a root are allowed, refusing dangling links and {@code ..} that would leave the root
 *       (T3.2); then it applies the deny list ({@code path_denied}, T3.3).
 *   <li>{@link #openRead}, {@link #openWrite}, {@link #delete} and {@link #attributes} walk again
 *       through open directory handles ({@code openat} with no-follow) and check each handle after
 *       opening, so swapping a component for a link between resolution and use cannot escape
 *       (T3.4).
 * </ul>
 *
 * <p>Immutable and thread-safe. Building it needs a platform with {@link
 * java.nio.file.SecureDirectoryStream} (Linux, macOS); elsewhere it fails closed.
 */
public final class Sandbox implements ToolContext.Sandbox {

  /** Default cap on bytes a file tool reads: 1 MiB. */
  public static final long DEFAULT_MAX_READ_BYTES = 1L << 20;
  /** Default cap on bytes a file tool writes: 1 MiB. */
  public static final long DEFAULT_MAX_WRITE_BYTES = 1L << 20;
  /**
   * The largest configurable cap: 2 MiB, so a file's content (base64 when binary) and the previous
   * content {@code fs_write} keeps for compensation fit one entry (E1.6: 4 MiB strings, 8 MiB
   * documents).
   */
  public static final long MAX_CAP_BYTES = 2L << 20;
  /** Patterns denied for every access (T3.3). */
  public static final List<String> DEFAULT_DENY =
      List.of("**/.env", "**/*.pem", "**/*.key", "**/id_rsa*", "**/.ssh/**");
  /** Patterns denied for writes only (T3.3). */
  public static final List<String> DEFAULT_DENY_WRITE = List.of(".git/**");

  private final List<Path> roots;
  private final List<Path> given;
  private final boolean allowLinks;
  private final PathResolver resolver;
  private final long maxReadBytes;
  private final long maxWriteBytes;

  Sandbox(List<Path> roots, List<Path> given, boolean allowLinks, List<Glob> deny,
      List<Glob> denyWrite, long maxReadBytes, long maxWriteBytes) {
    this.roots = List.copyOf(roots);
    this.given = List.copyOf(given);
    this.allowLinks = allowLinks;
    this.resolver = new PathResolver(this.roots, allowLinks, deny, denyWrite);
    this.maxReadBytes = maxReadBytes;
    this.maxWriteBytes = maxWriteBytes;
  }

  /** A builder; {@link SandboxBuilder#build()} resolves the roots (T3.1). */
  public static SandboxBuilder builder() {
    return new SandboxBuilder();
  }

  /**
   * Builds a sandbox from its JSON configuration, read strictly: {@code {roots: [string, …],
   * allow_links?: bool, deny?: [pattern], deny_write?: [pattern], max_read_bytes?: int,
   * max_write_bytes?: int}}. {@code deny} and {@code deny_write} replace the defaults.
   *
   * @throws thymos.api.ConfigurationException {@code THY-T301} naming the offending member, or
   *     {@code THY-T304} on a platform without no-follow directory handles
   */
  public static Sandbox fromJson(JsonObject config, String pointer) {
    return SandboxConfig.read(config, pointer);
  }

  /** The real paths of the roots, in configuration order (T3.1). */
  public List<Path> roots() {
    return roots;
  }

  /** Whether links whose target resolves inside a root are followed (T3.2). */
  public boolean allowLinks() {
    return allowLinks;
  }

  /** The cap on bytes a file tool reads. */
  public long maxReadBytes() {
    return maxReadBytes;
  }

  /** The cap on bytes a file tool writes. */
  public long maxWriteBytes() {
    return maxWriteBytes;
  }

  /**
   * Resolves a path argument (T3.2) and checks the deny list (T3.3). Touches the file system only
   * to read link status ({@code lstat}); the file need not exist.
   *
   * @param path relative to the first root, or absolute inside a root
   * @throws SandboxViolation {@code path_escape} for an empty path, NUL, {@code ..} leaving the
   *     root, an absolute path outside every root, a link component (unless allowed and inside a
   *     root) or a dangling link; {@code path_denied} for a denied path
   */
  public SandboxPath resolve(String path, Access access) throws SandboxViolation {
    if (path == null || path.isEmpty()) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, "", "a path must not be empty (T3.2)");
    }
    if (path.indexOf('\0') >= 0) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, path, "a path must not contain NUL (T3.2)");
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, path, "not a path: " + e.getReason());
    }
    int root = 0;
    if (p.isAbsolute()) {
      root = rootOf(p);
      if (root < 0) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, path, "absolute path outside every root");
      }
      Path base = p.startsWith(roots.get(root)) ? roots.get(root) : given.get(root);
      p = base.relativize(p);
    }
    List<String> names = new ArrayList<>();
    if (!p.toString().isEmpty()) {
      p.forEach(n -> names.add(n.toString()));
    }
    return resolver.walk(root, names, path, access);
  }

  /**
   * Resolves a resource key written by {@link SandboxPath#key()} (e.g. by a compensation), with the
   * same checks as {@link #resolve}.
   *
   * @throws SandboxViolation as {@link #resolve}, or {@code path_escape} for a key naming no root
   */
  public SandboxPath resolveKey(String key, Access access) throws SandboxViolation {
    if (key == null || key.isEmpty() || key.indexOf('\0') >= 0 || key.startsWith("/")) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, String.valueOf(key), "not a resource key");
    }
    List<String> names = new ArrayList<>(List.of(key.split("/", -1)));
    int root = 0;
    if (roots.size() > 1) {
      String first = names.remove(0);
      if (!first.matches("[0-9]{1,4}") || Integer.parseInt(first) >= roots.size()) {
        throw new SandboxViolation(Kind.PATH_ESCAPE, key, "the key names no root");
      }
      root = Integer.parseInt(first);
    }
    names.removeIf(n -> n.equals(".") || n.isEmpty());
    return resolver.walk(root, names, key, access);
  }

  /**
   * The attributes of the file at {@code path}, not following a final link; empty when it or a
   * folder on the way does not exist (T3.4).
   *
   * @throws SandboxViolation {@code path_escape} when a component is (or became) a link
   */
  public Optional<BasicFileAttributes> attributes(SandboxPath path)
      throws SandboxViolation, IOException {
    if (path.segments().isEmpty()) {
      return Optional.of(Files.readAttributes(rootPath(path), BasicFileAttributes.class));
    }
    try {
      return Optional.ofNullable(ConfinedIo.inParent(rootPath(path), path, false,
          ConfinedIo::lstat));
    } catch (SandboxViolation v) {
      if (v.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw v;
    }
  }

  /**
   * Opens the regular file at {@code path} for reading with no-follow semantics, checked after
   * opening (T3.4).
   *
   * @throws SandboxViolation {@code not_found}, {@code path_escape} (a link, or a swap detected),
   *     {@code tool_error} for a folder or special file
   */
  public SeekableByteChannel openRead(SandboxPath path) throws SandboxViolation, IOException {
    return ConfinedIo.inParent(rootPath(path), path, false, ConfinedIo::openFileForRead);
  }

  /**
   * Opens the file at {@code path} for writing, truncating or creating it and creating missing
   * parent folders inside the sandbox, with no-follow semantics checked after opening (T3.4).
   *
   * @throws SandboxViolation {@code path_escape} (a link, or a swap detected), {@code tool_error}
   *     for a folder or special file, {@code not_found} when a parent is not a folder
   */
  public SeekableByteChannel openWrite(SandboxPath path) throws SandboxViolation, IOException {
    return ConfinedIo.inParent(rootPath(path), path, true, ConfinedIo::openFileForWrite);
  }

  /**
   * Deletes the regular file at {@code path} without following links (T3.4).
   *
   * @throws SandboxViolation {@code not_found}, {@code path_escape}, {@code tool_error} for a
   *     folder or special file
   */
  public void delete(SandboxPath path) throws SandboxViolation, IOException {
    ConfinedIo.inParent(rootPath(path), path, false, ConfinedIo::deleteFile);
  }

  /**
   * Walks the folder tree at {@code folder} without following links and skipping denied paths
   * (T3.5); see {@link Walk}.
   *
   * @param maxDepth how deep to descend, at least 1 (the folder's own entries)
   * @param maxNames how many directory entries to read in total, at least 1
   * @throws SandboxViolation {@code not_found}, {@code path_escape} (a link, or a swap detected),
   *     {@code tool_error} when {@code folder} is not a folder, or what the visitor throws
   */
  public Walk.Summary walk(SandboxPath folder, int maxDepth, long maxNames, Walk.Visitor visitor)
      throws SandboxViolation, IOException {
    return Walk.run(rootPath(folder), resolver, folder, maxDepth, maxNames, visitor);
  }

  private Path rootPath(SandboxPath path) {
    if (path.root() >= roots.size()) {
      throw new IllegalArgumentException("no root " + path.root() + " in this sandbox");
    }
    return roots.get(path.root());
  }

  private int rootOf(Path p) {
    for (int i = 0; i < roots.size(); i++) {
      if (p.startsWith(roots.get(i)) || p.startsWith(given.get(i))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Sandbox" + roots + (allowLinks ? " (links inside roots allowed)" : "");
  }
}
