package thymos.tools.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import thymos.api.ConfigurationException;

/**
 * Builds a {@link Sandbox}: roots, link policy, deny lists (T3.3) and size caps. Defaults: no
 * links, {@link Sandbox#DEFAULT_DENY}, {@link Sandbox#DEFAULT_DENY_WRITE}, 1 MiB caps.
 */
public final class SandboxBuilder {

  private final List<Path> roots = new ArrayList<>();
  private boolean allowLinks;
  private List<String> deny = Sandbox.DEFAULT_DENY;
  private List<String> denyWrite = Sandbox.DEFAULT_DENY_WRITE;
  private long maxReadBytes = Sandbox.DEFAULT_MAX_READ_BYTES;
  private long maxWriteBytes = Sandbox.DEFAULT_MAX_WRITE_BYTES;

  SandboxBuilder() {}

  /** Adds a root folder; the first root is the one relative paths start from. */
  public SandboxBuilder root(Path root) {
    roots.add(Objects.requireNonNull(root, "root"));
    return this;
  }

  /** Whether links whose target resolves inside a root are followed (T3.2); default false. */
  public SandboxBuilder allowLinks(boolean allow) {
    this.allowLinks = allow;
    return this;
  }

  /** Replaces the patterns denied for every access (T3.3). */
  public SandboxBuilder deny(List<String> patterns) {
    this.deny = List.copyOf(patterns);
    return this;
  }

  /** Replaces the patterns denied for writes only (T3.3). */
  public SandboxBuilder denyWrite(List<String> patterns) {
    this.denyWrite = List.copyOf(patterns);
    return this;
  }

  /** The cap on bytes read, in [1, {@link Sandbox#MAX_CAP_BYTES}]. */
  public SandboxBuilder maxReadBytes(long bytes) {
    this.maxReadBytes = bytes;
    return this;
  }

  /** The cap on bytes written, in [1, {@link Sandbox#MAX_CAP_BYTES}]. */
  public SandboxBuilder maxWriteBytes(long bytes) {
    this.maxWriteBytes = bytes;
    return this;
  }

  /**
   * Resolves every root to its real path (T3.1) and checks the configuration.
   *
   * @throws ConfigurationException {@code THY-T301} for no root, a root that is not an existing
   *     folder, two roots of which one contains the other, a malformed pattern or a cap out of
   *     range;
   *     {@code THY-T304} when the platform offers no no-follow directory handles (T3.4)
   */
  public Sandbox build() {
    if (roots.isEmpty()) {
      throw error("a sandbox needs at least one root");
    }
    List<Path> real = new ArrayList<>();
    List<Path> given = new ArrayList<>();
    for (Path r : roots) {
      Path abs = r.toAbsolutePath().normalize();
      Path rp;
      try {
        rp = abs.toRealPath();
      } catch (IOException e) {
        throw error("root " + r + " cannot be resolved: " + e);
      }
      if (!Files.isDirectory(rp)) {
        throw error("root " + r + " is not a folder");
      }
      for (Path other : real) {
        if (rp.startsWith(other) || other.startsWith(rp)) {
          throw error("roots " + other + " and " + rp + " overlap");
        }
      }
      try {
        if (!ConfinedIo.supported(rp)) {
          throw new ConfigurationException("THY-T304", "T3.4", "this platform offers no"
              + " no-follow directory handles (SecureDirectoryStream); file tools cannot be"
              + " confined", List.of(), null);
        }
      } catch (IOException e) {
        throw error("root " + r + " cannot be opened: " + e);
      }
      real.add(rp);
      given.add(abs);
    }
    if (maxReadBytes < 1 || maxWriteBytes < 1 || maxReadBytes > Sandbox.MAX_CAP_BYTES
        || maxWriteBytes > Sandbox.MAX_CAP_BYTES) {
      throw error("size caps must be in [1, " + Sandbox.MAX_CAP_BYTES + "] bytes, found read "
          + maxReadBytes + ", write " + maxWriteBytes);
    }
    return new Sandbox(real, given, allowLinks, globs(deny), globs(denyWrite), maxReadBytes,
        maxWriteBytes);
  }

  private static List<Glob> globs(List<String> patterns) {
    List<Glob> out = new ArrayList<>();
    for (String p : patterns) {
      try {
        out.add(Glob.parse(p));
      } catch (IllegalArgumentException e) {
        throw error("deny " + e.getMessage());
      }
    }
    return out;
  }

  private static ConfigurationException error(String detail) {
    return new ConfigurationException("THY-T301", "T3.1", "sandbox: " + detail, List.of(), null);
  }
}
