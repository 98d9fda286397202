package thymos.ledger.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * The database file before SQLite touches it (L7.1): a missing file is created empty with
 * owner-only permissions ({@code rw-------}), so SQLite, which gives its {@code -wal} and {@code
 * -shm} files the database file's mode, never creates anything others can read. An existing file
 * must be a regular file the owner may write. Messages never name the path.
 */
final class LedgerFile {

  private static final System.Logger LOG = System.getLogger(LedgerFile.class.getName());

  /** {@code rw-------}. */
  static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private LedgerFile() {}

  /**
   * Creates {@code file} owner-only if it does not exist, or checks the existing one.
   *
   * @throws LedgerUnavailable if its folder is missing, it cannot be created, it is not a regular
   *     file, or it is read-only
   */
  static void prepare(Path file) {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new LedgerUnavailable("the ledger file's folder does not exist (it is not created)",
          null);
    }
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.setPosixFilePermissions(file, OWNER_ONLY); // whatever the umask did
      } else {
        Files.createFile(file);
        LOG.log(System.Logger.Level.WARNING, "the file system has no POSIX permissions: the new "
            + "sqlite ledger file could not be made owner-only");
      }
      return;
    } catch (FileAlreadyExistsException e) {
      // An existing store (or one another process just created): checked below.
    } catch (IOException | UnsupportedOperationException e) {
      throw new LedgerUnavailable("cannot create the ledger file", e);
    }
    if (!Files.isRegularFile(file)) {
      throw new LedgerUnavailable("the ledger path is not a regular file", null);
    }
    if (posix) {
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(file);
      } catch (IOException e) {
        throw new LedgerUnavailable("cannot read the ledger file's permissions", e);
      }
      // Checked on the mode bits, not only access(2): root may write any file.
      if (!perms.contains(PosixFilePermission.OWNER_WRITE)) {
        throw new LedgerUnavailable("the ledger file is read-only (its owner has no write "
            + "permission)", null);
      }
      if (!OWNER_ONLY.containsAll(perms)) {
        LOG.log(System.Logger.Level.WARNING, "the sqlite ledger file is accessible to others ({0});"
            + " rw------- is expected", PosixFilePermissions.toString(perms));
      }
    }
    if (!Files.isReadable(file) || !Files.isWritable(file)) {
      throw new LedgerUnavailable("the ledger file is not readable and writable by this process",
          null);
    }
  }
}
