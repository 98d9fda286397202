package thymos.tools.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The racing swap of T3.4 tests: a thread that keeps swapping folder {@code sub} for the link
 * {@code link} (pointing outside the root) and back, by renames so that each state is atomic, and
 * leaves the real folder in place for a while between swaps. {@link #close} stops it and fails
 * the test if it failed or never swapped.
 */
public final class LinkSwapper implements AutoCloseable {

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong swaps = new AtomicLong();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final Thread thread;

  /** Starts swapping {@code root/sub} and {@code root/link}, parking the folder at {@code parked}. */
  public LinkSwapper(Path root, Path sub, Path link, Path parked) {
    thread = new Thread(() -> {
      try {
        while (!stop.get()) {
          Files.move(sub, parked, StandardCopyOption.ATOMIC_MOVE);
          moveAside(link, sub, root); // sub is now a link outside
          Thread.onSpinWait();
          Files.move(sub, link, StandardCopyOption.ATOMIC_MOVE);
          moveAside(parked, sub, root);
          swaps.incrementAndGet();
          for (int i = 0; i < 2_000; i++) {
            Thread.onSpinWait(); // leave the real folder in place for a while, too
          }
        }
      } catch (IOException | RuntimeException e) {
        error.set(e);
      }
    }, "swapper");
    thread.start();
  }

  /**
   * Renames {@code from} to {@code to}; when a writer re-created {@code to} as a folder while it
   * was missing (writes create parents), that folder is first renamed aside inside the root.
   */
  private void moveAside(Path from, Path to, Path root) throws IOException {
    while (true) {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (FileSystemException e) {
        Files.move(to, root.resolve("created-" + swaps.incrementAndGet()),
            StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join();
    if (error.get() != null) {
      fail("the swapper failed", error.get());
    }
    assertTrue(swaps.get() > 0, "the swapper never swapped");
  }
}
