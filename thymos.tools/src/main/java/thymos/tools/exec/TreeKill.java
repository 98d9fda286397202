package thymos.tools.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kills a whole process tree (T4.4): descendants are collected while their parents live, every
 * collected process gets {@code SIGKILL}, and the collection repeats over the survivors until a
 * round finds no process that was not already killed. {@code SIGKILL} cannot be caught, so a
 * killed process forks no more; a child forked in the instant between collection and kill is
 * found in the next round through its still-living parent.
 *
 * <p>On Linux the worker runs as a session leader (started through {@code setsid}); then every
 * process left in its session — including ones re-parented after a double fork — can also be found
 * by reading {@code /proc}, without relying on ancestry ({@link #sessionMembers}).
 */
final class TreeKill {

  private static final int MAX_ROUNDS = 100;

  private TreeKill() {}

  /**
   * Kills {@code root}, its descendants and every process of {@code seen} still alive (processes
   * seen earlier as descendants, which may have been re-parented since).
   *
   * @return the processes signalled
   */
  static Set<ProcessHandle> kill(ProcessHandle root, Collection<ProcessHandle> seen) {
    Set<ProcessHandle> killed = new LinkedHashSet<>();
    List<ProcessHandle> frontier = new ArrayList<>();
    frontier.add(root);
    frontier.addAll(seen);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Set<ProcessHandle> found = new LinkedHashSet<>();
      for (ProcessHandle p : frontier) {
        if (p.isAlive()) {
          found.add(p);
          p.descendants().forEach(found::add); // collected while p still lives
        }
      }
      found.removeAll(killed);
      if (found.isEmpty()) {
        return killed;
      }
      for (ProcessHandle p : found) {
        p.destroyForcibly();
        killed.add(p);
      }
      frontier = new ArrayList<>(killed);
      pause();
    }
    return killed;
  }

  /**
   * The running (not zombie) processes whose session id is {@code sid}, other than {@code sid}
   * itself; empty where {@code /proc} is not readable.
   */
  static List<ProcessHandle> sessionMembers(long sid) {
    List<ProcessHandle> out = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid != sid && session(pid) == sid) {
          ProcessHandle.of(pid).ifPresent(out::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc (not Linux) or it changed under us: ancestry is all there is
    }
    return out;
  }

  /** The session id of a running process; -1 when it is gone, a zombie, or unreadable. */
  static long session(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // after "pid (comm) ": state ppid pgrp session …; comm may hold spaces and parentheses
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
      return f[0].equals("Z") || f[0].equals("X") ? -1 : Long.parseLong(f[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
