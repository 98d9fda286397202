package thymos.tools.sandbox;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import thymos.api.spi.ToolFailure.Kind;

/**
 * File operations confined by open directory handles (T3.4). Every step opens the next folder
 * relative to the handle of the previous one ({@code openat} with {@code O_NOFOLLOW}), checks the
 * opened handle's file key against what was inspected just before, and opens the file itself
 * relative to its parent's handle with no-follow semantics. Renaming or swapping a component for
 * a link at any moment can make an operation fail, never reach outside the root: no path string
 * below the root is ever resolved by the operating system.
 *
 * <p>Folders are created by making a staging folder directly in the root (a path the runtime
 * resolved itself, T3.1) and renaming it into place relative to the parent's handle, because
 * {@link SecureDirectoryStream} has no {@code mkdirat}.
 */
final class ConfinedIo {

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final AtomicLong STAGING = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private ConfinedIo() {}

  /** An operation on entry {@code name} of the open folder {@code dir}. */
  @FunctionalInterface
  interface Action<T> {
    T apply(SecureDirectoryStream<Path> dir, Path name, String shown)
        throws IOException, SandboxViolation;
  }

  /** Whether the platform offers no-follow directory handles for {@code root}. */
  static boolean supported(Path root) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      return ds instanceof SecureDirectoryStream;
    }
  }

  /**
   * Walks to the parent folder of {@code path} through directory handles and applies {@code
   * action} to its last segment.
   *
   * @param createDirs whether missing folders are created (inside the sandbox)
   */
  static <T> T inParent(Path root, SandboxPath path, boolean createDirs, Action<T> action)
      throws SandboxViolation, IOException {
    List<String> segs = path.segments();
    String shown = path.key();
    if (segs.isEmpty()) {
      throw new SandboxViolation(Kind.TOOL_ERROR, shown, "is the sandbox root, a folder");
    }
    try (SecureDirectoryStream<Path> rootDir = openRoot(root, shown)) {
      SecureDirectoryStream<Path> dir = rootDir;
      try {
        for (int i = 0; i < segs.size() - 1; i++) {
          Path name = Path.of(segs.get(i));
          BasicFileAttributes a = lstat(dir, name, shown);
          if (a == null && createDirs) {
            mkdir(root, rootDir, dir, name, shown);
            a = lstat(dir, name, shown);
          }
          if (a == null) {
            throw new SandboxViolation(Kind.NOT_FOUND, shown,
                "folder \"" + segs.get(i) + "\" does not exist");
          }
          if (a.isSymbolicLink()) {
            throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
                "component \"" + segs.get(i) + "\" is a symbolic link (T3.4)");
          }
          if (!a.isDirectory()) {
            throw new SandboxViolation(Kind.NOT_FOUND, shown,
                "\"" + segs.get(i) + "\" is not a folder");
          }
          SecureDirectoryStream<Path> next = openDir(dir, name, shown);
          Object key = next.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
              .fileKey();
          if (!Objects.equals(key, a.fileKey())) {
            next.close();
            throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
                "folder \"" + segs.get(i) + "\" was replaced while opening it (T3.4)");
          }
          if (dir != rootDir) {
            dir.close();
          }
          dir = next;
        }
        return action.apply(dir, Path.of(segs.get(segs.size() - 1)), shown);
      } finally {
        if (dir != rootDir) {
          dir.close();
        }
      }
    }
  }

  /** The attributes of {@code name} in {@code dir}, not following a link; null when absent. */
  static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, Path name, String shown)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static SeekableByteChannel openFileForRead(SecureDirectoryStream<Path> dir, Path name,
      String shown) throws IOException, SandboxViolation {
    BasicFileAttributes before = lstat(dir, name, shown);
    if (before == null) {
      throw new SandboxViolation(Kind.NOT_FOUND, shown, "no such file");
    }
    requireRegular(before, shown);
    SeekableByteChannel ch = open(dir, name, shown,
        Set.of(StandardOpenOption.READ, NOFOLLOW));
    return checkedAfterOpen(dir, name, shown, ch, before.fileKey());
  }

  static SeekableByteChannel openFileForWrite(SecureDirectoryStream<Path> dir, Path name,
      String shown) throws IOException, SandboxViolation {
    BasicFileAttributes before = lstat(dir, name, shown);
    if (before != null) {
      requireRegular(before, shown);
    }
    SeekableByteChannel ch = open(dir, name, shown, Set.of(StandardOpenOption.WRITE,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, NOFOLLOW));
    return checkedAfterOpen(dir, name, shown, ch, before == null ? null : before.fileKey());
  }

  /**
   * Opens folder {@code name} of {@code dir} without following a link, checked after opening
   * (T3.4, T3.5).
   */
  static SecureDirectoryStream<Path> openFolder(SecureDirectoryStream<Path> dir, Path name,
      String shown) throws IOException, SandboxViolation {
    BasicFileAttributes before = lstat(dir, name, shown);
    if (before == null) {
      throw new SandboxViolation(Kind.NOT_FOUND, shown, "no such folder");
    }
    if (before.isSymbolicLink()) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, shown, "is a symbolic link (T3.5)");
    }
    if (!before.isDirectory()) {
      throw new SandboxViolation(Kind.TOOL_ERROR, shown, "is not a folder");
    }
    SecureDirectoryStream<Path> next = openDir(dir, name, shown);
    Object key = next.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
        .fileKey();
    if (!Objects.equals(key, before.fileKey())) {
      next.close();
      throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
          "the folder was replaced while opening it (T3.4)");
    }
    return next;
  }

  static Void deleteFile(SecureDirectoryStream<Path> dir, Path name, String shown)
      throws IOException, SandboxViolation {
    BasicFileAttributes a = lstat(dir, name, shown);
    if (a == null) {
      throw new SandboxViolation(Kind.NOT_FOUND, shown, "no such file");
    }
    requireRegular(a, shown);
    dir.deleteFile(name); // unlinkat: never follows a link
    return null;
  }

  private static void requireRegular(BasicFileAttributes a, String shown)
      throws SandboxViolation {
    if (a.isSymbolicLink()) {
      throw new SandboxViolation(Kind.PATH_ESCAPE, shown, "is a symbolic link (T3.4)");
    }
    if (a.isDirectory()) {
      throw new SandboxViolation(Kind.TOOL_ERROR, shown, "is a folder, not a file");
    }
    if (!a.isRegularFile()) {
      throw new SandboxViolation(Kind.TOOL_ERROR, shown, "is not a regular file");
    }
  }

  /**
   * T3.4's check after opening: the entry is still a regular file (not a link) and, when it existed
   * before, the same file.
   */
  private static SeekableByteChannel checkedAfterOpen(SecureDirectoryStream<Path> dir, Path name,
      String shown, SeekableByteChannel ch, Object keyBefore) throws IOException,
      SandboxViolation {
    BasicFileAttributes after = lstat(dir, name, shown);
    boolean same = after != null && after.isRegularFile() && !after.isSymbolicLink()
        && (keyBefore == null || Objects.equals(keyBefore, after.fileKey()));
    if (!same) {
      ch.close();
      throw new SandboxViolation(Kind.PATH_ESCAPE, shown,
          "the file was replaced while opening it (T3.4)");
    }
    return ch;
  }

  private static SeekableByteChannel open(SecureDirectoryStream<Path> dir, Path name,
      String shown, Set<OpenOption> options) throws IOException, SandboxViolation {
    try {
      return dir.newByteChannel(name, options);
    } catch (IOException e) {
      throw mapped(e, shown, name);
    }
  }

  private static SecureDirectoryStream<Path> openDir(SecureDirectoryStream<Path> dir, Path name,
      String shown) throws IOException, SandboxViolation {
    try {
      return dir.newDirectoryStream(name, NOFOLLOW);
    } catch (IOException e) {
      throw mapped(e, shown, name);
    }
  }

  static SecureDirectoryStream<Path> openRoot(Path root, String shown)
      throws IOException, SandboxViolation {
    DirectoryStream<Path> ds = Files.newDirectoryStream(root);
    if (ds instanceof SecureDirectoryStream<Path> sds) {
      return sds;
    }
    ds.close();
    throw new SandboxViolation(Kind.TOOL_ERROR, shown,
        "the platform offers no no-follow directory handles (T3.4)");
  }

  /** Creates folder {@code name} in {@code parent} via a staging folder in the root. */
  private static void mkdir(Path root, SecureDirectoryStream<Path> rootDir,
      SecureDirectoryStream<Path> parent, Path name, String shown)
      throws IOException, SandboxViolation {
    Path staging;
    while (true) {
      staging = Path.of(".thymos-staging-" + PID + "-" + STAGING.incrementAndGet());
      try {
        Files.createDirectory(root.resolve(staging)); // mkdir never follows its last component
        break;
      } catch (FileAlreadyExistsException e) {
        // taken (another process, or planted): try the next name
      }
    }
    try {
      rootDir.move(staging, parent, name); // renameat relative to both handles
    } catch (IOException e) {
      try {
        rootDir.deleteDirectory(staging);
      } catch (IOException ignored) {
        // best effort: an empty staging folder inside the root is harmless
      }
      if (lstat(parent, name, shown) == null) {
        throw mapped(e, shown, name);
      }
      // created meanwhile by someone else: the caller inspects what is there
    }
  }

  private static SandboxViolation mapped(IOException e, String shown, Path name) {
    if (e instanceof NoSuchFileException) {
      return new SandboxViolation(Kind.NOT_FOUND, shown, "\"" + name + "\" does not exist", e);
    }
    if (e instanceof NotDirectoryException) {
      return new SandboxViolation(Kind.NOT_FOUND, shown, "\"" + name + "\" is not a folder", e);
    }
    if (e instanceof AccessDeniedException) {
      return new SandboxViolation(Kind.TOOL_ERROR, shown, "permission denied", e);
    }
    if (e instanceof FileSystemException f) {
      // ELOOP from O_NOFOLLOW: the entry is (now) a link
      return new SandboxViolation(Kind.PATH_ESCAPE, shown, "refused to open \"" + name
          + "\": " + f.getReason() + " (T3.4)", e);
    }
    return new SandboxViolation(Kind.TOOL_ERROR, shown, "I/O error on \"" + name + "\": " + e, e);
  }
}
