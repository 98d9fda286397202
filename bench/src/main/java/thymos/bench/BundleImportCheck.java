package thymos.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.model.Checkpoint;
import thymos.api.model.Entry;
import thymos.api.proof.MerkleTree;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.bundle.BundleHeader;
import thymos.kernel.bundle.Bundles;
import thymos.kernel.bundle.ImportOptions;
import thymos.kernel.bundle.ImportResult;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * The import check of issue 5 (L8.2). {@code write <file> [entries]} writes a bundle of one
 * generated {@code kv_put} trajectory (default 1,000,000 entries; two generation passes, the
 * first for the checkpoint's root, so no entry list is held). {@code import <file> <sqlite db>}
 * imports it into a new SQLite ledger and prints the time and heap peaks; run it with {@code
 * -Xmx256m} (docs/performance.md). Exit 0 when every entry was appended.
 */
public final class BundleImportCheck {

  private BundleImportCheck() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("write")) {
      write(Path.of(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1_000_000);
    } else {
      System.exit(importInto(Path.of(args[1]), Path.of(args[2])) ? 0 : 1);
    }
  }

  static void write(Path file, long n) throws IOException {
    Ed25519Signer signer = Ed25519Signer.generate(new SeededEntropy(5));
    KvTrajectory first = new KvTrajectory(1, n, 1_000);
    List<byte[]> stack = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    Hash32 head = null;
    while (first.hasNext()) {
      Entry e = first.nextEntry();
      head = e.id();
      byte[] h = MerkleTree.BLAKE3.leafHash(e.id().bytes());
      long size = 1;
      while (!sizes.isEmpty() && sizes.getLast() == size) {
        h = MerkleTree.BLAKE3.nodeHash(stack.removeLast(), h);
        size += sizes.removeLast();
      }
      stack.add(h);
      sizes.add(size);
    }
    byte[] root = stack.getLast();
    for (int i = stack.size() - 2; i >= 0; i--) {
      root = MerkleTree.BLAKE3.nodeHash(stack.get(i), root);
    }
    Checkpoint c = Checkpoint.sign(first.trajectoryId, n, Hash32.of(root), head,
        1_790_000_000_000L, signer);
    BundleHeader header = BundleHeader.sign(List.of(new BundleHeader.Section(first.trajectoryId,
        n, c)), signer);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header.toJson().canonicalBytes());
      out.write('\n');
      KvTrajectory again = new KvTrajectory(1, n, 1_000);
      while (again.hasNext()) {
        out.write(again.next());
        out.write('\n');
      }
    }
    System.out.printf("wrote %,d entries, %,d bytes to %s%n", n, Files.size(file), file);
  }

  static boolean importInto(Path file, Path db) throws InterruptedException {
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
    ImportResult r;
    long start = System.nanoTime();
    try (LedgerBackend ledger = Ledgers.open(new LedgerConfig("sqlite:" + db, Map.of()))) {
      r = Bundles.importBundle(ledger, file, ImportOptions.defaults());
    }
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
    long n = r.trajectories().getFirst().size();
    System.out.printf("appended: %,d of %,d%n", r.appended(), n);
    System.out.printf("verify + import: %.1f s (%,.0f entries/s)%n", seconds, n / seconds);
    System.out.printf("heap: max %d MiB, sampled peak used %d MiB, old-gen peak %d MiB, "
        + "sum of pool peaks %d MiB%n", Runtime.getRuntime().maxMemory() >> 20,
        sampledPeak.get() >> 20, oldPeak >> 20, poolPeaks >> 20);
    return r.appended() == n;
  }
}
