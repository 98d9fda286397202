package thymos.tools.exec;

import java.util.List;

/** Test hook for tests outside this package: a pool whose workers answer with a bad frame. */
public final class BrokenWorkers {

  private BrokenWorkers() {}

  /** A pool for {@code settings} whose "worker" sends a length above the frame cap. */
  public static WorkerPool pool(ExecSettings settings) {
    return new WorkerPool(settings, List.of("/bin/sh", "-c",
        "printf '\\377\\377\\377\\377'; cat >/dev/null"));
  }
}
