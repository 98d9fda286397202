package thymos.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;

/**
 * The memory check of issue 3: replays a trajectory of 1,000,000 unsigned {@code kv_put} entries
 * (or {@code args[0]}) over 1,000 keys (or {@code args[1]}) that is generated while it is read, so
 * no entry list is ever held, and prints the verdict, the rate and the heap used. Run it with
 * {@code -Xmx256m} (docs/performance.md); an {@link OutOfMemoryError} is the failure. Exit code
 * 0 when the replay verified with every entry counted, 1 otherwise.
 */
public final class ReplayMemoryCheck {

  private ReplayMemoryCheck() {}

  public static void main(String[] args) throws InterruptedException {
    long entries = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    AtomicLong sampledPeak = new AtomicLong();
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!Thread.currentThread().isInterrupted()) {
        sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });

    KvTrajectory source = new KvTrajectory(1, entries, keys);
    long start = System.nanoTime();
    ReplayReport report = Replayer.replay(source.trajectoryId, source, ReplayOptions.defaults());
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();

    long poolPeaks = 0;
    long oldPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        poolPeaks += pool.getPeakUsage().getUsed();
        if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
          oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
        }
      }
    }
    System.out.printf("verdict: %s%n", report.verdict().wire());
    report.firstViolation().ifPresent(v -> System.out.println("first violation: " + v));
    System.out.printf("entries: %,d  commits: %,d  resources: %,d%n", report.entries(),
        report.commits(), report.resources());
    System.out.printf("generate + replay: %.1f s (%,.0f entries/s, generation included)%n",
        seconds, report.entries() / seconds);
    System.out.printf("max heap: %,d MiB; heap used, sampled every 5 ms, peak: %,d MiB; "
            + "old generation peak: %,d MiB; sum of heap pool peaks: %,d MiB%n",
        Runtime.getRuntime().maxMemory() >> 20, sampledPeak.get() >> 20, oldPeak >> 20,
        poolPeaks >> 20);
    System.exit(report.verified() && report.entries() == entries ? 0 : 1);
  }
}
