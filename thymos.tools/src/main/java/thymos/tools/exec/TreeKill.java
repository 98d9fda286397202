package thymos.tools.exec;

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

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
