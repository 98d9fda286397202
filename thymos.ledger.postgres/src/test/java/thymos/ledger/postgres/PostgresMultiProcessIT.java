package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Several runtime processes on one PostgreSQL ledger (L5.2, L7.2, K2.3): separate JVMs booting a
 * new schema together and racing on every seq of one trajectory, free-running over many
 * trajectories at once, and a process killed with {@code kill -9} in the middle of its appends
 * (L5.1: nothing acknowledged is lost, nothing partial is stored). Every trajectory stored is
 * replayed. Not timed: the timeouts only stop a hung child.
 */
class PostgresMultiProcessIT {

  private static final int PROCESSES = 4;

  private String schema;
  private final List<Process> started = new ArrayList<>();

  /** One child JVM. */
  private record Child(Process process, BufferedReader out, Writer in) {}

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @BeforeEach
  void freshSchema() {
    schema = TestServer.freshSchema();
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    TestServer.drop(schema);
  }

  private static List<String> command(String... args) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java));
    String modulePath = System.getProperty("jdk.module.path");
    String testClasses = System.getProperty("thymos.test.classes");
    if (modulePath != null && AppendChild.class.getModule().isNamed()) {
      assertNotNull(testClasses, "surefire/failsafe set thymos.test.classes");
      // The test-scope jars that are no modules (the TCK's entries among them) stay on the class
      // path, as in the test's own JVM, and the patched module reads them.
      cmd.addAll(List.of("--module-path", modulePath,
          "-cp", System.getProperty("java.class.path"),
          "--add-reads", "thymos.ledger.postgres=ALL-UNNAMED",
          "--patch-module", "thymos.ledger.postgres=" + testClasses,
          "-m", "thymos.ledger.postgres/" + AppendChild.class.getName()));
    } else {
      String cp = System.getProperty("java.class.path")
          + (testClasses == null ? "" : File.pathSeparator + testClasses);
      cmd.addAll(List.of("-cp", cp, AppendChild.class.getName()));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Child start(String... args) throws IOException {
    Process process = new ProcessBuilder(command(args))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    started.add(process);
    return new Child(process, new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)), new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.UTF_8));
  }

  private static void send(Child c, String line) throws IOException {
    c.in().write(line + "\n");
    c.in().flush();
  }

  // The child's next line; a child that died or failed fails the test with what it printed.
  private static String line(Child c) throws IOException {
    String line = c.out().readLine();
    assertNotNull(line, "child ended early");
    assertFalse(line.startsWith("error"), line);
    return line;
  }

  private static List<String> rest(Child c) {
    try {
      List<String> lines = new ArrayList<>();
      for (String l; (l = c.out().readLine()) != null; ) {
        lines.add(l);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks the chain of {@code traj}, that every entry parses, and that it replays (R2). */
  private static List<StoredEntry> checkedChain(PostgresLedger ledger, Hash32 traj) {
    List<StoredEntry> stored = TestLedgers.stored(ledger, traj);
    for (int i = 0; i < stored.size(); i++) {
      StoredEntry e = stored.get(i);
      assertEquals(i, e.seq());
      assertEquals(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).id()), e.parent(),
          "the chain is intact");
      assertEquals(e.id(), Entry.parse(e.canonicalBytes()).id(), "no partial or torn entry");
    }
    if (stored.isEmpty()) {
      return stored; // a thread killed before its first append: nothing to replay
    }
    ReplayReport report;
    try (Stream<byte[]> bytes = ledger.readBytes(traj)) {
      report = Replayer.replay(traj, bytes.iterator());
    }
    assertTrue(report.verified(), report.toString());
    assertEquals(stored.size(), report.entries());
    return stored;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("L5.2, L7.2: 4 processes boot a new schema together, then race on each of 60 seqs "
      + "of one trajectory; one entry per seq, every loser conflicts, it replays")
  void required_L5_2_racingProcessesStoreExactlyOnePerSeq() throws Exception {
    int seqs = 60;
    List<Child> children = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      children.add(start("race", schema, String.valueOf(p + 1), String.valueOf(seqs)));
    }
    for (Child c : children) {
      assertEquals("started", line(c));
    }
    for (Child c : children) {
      send(c, "open"); // all boot the new schema at once (L7.2 first boot)
    }
    Map<Long, String> winners = new HashMap<>();
    Map<Integer, Integer> winsByProcess = new HashMap<>();
    int losses = 0;
    for (long seq = 0; seq <= seqs; seq++) {
      for (int p = 0; p < PROCESSES; p++) {
        Child c = children.get(p);
        if (seq > 0) {
          String[] f = line(c).split(" ");
          assertEquals(seq - 1, Long.parseLong(f[1]), String.join(" ", f));
          if (f[0].equals("won")) {
            assertNull(winners.put(seq - 1, f[2]), "two winners at seq " + (seq - 1));
            winsByProcess.merge(p, 1, Integer::sum);
          } else {
            assertEquals("lost", f[0], String.join(" ", f));
            assertTrue(Long.parseLong(f[2]) >= seq - 1, String.join(" ", f));
            losses++;
          }
        }
        assertEquals(seq < seqs ? "at " + seq : "done", line(c));
      }
      // Release all; who hears "go" first rotates, so no process is favoured.
      for (int i = 0; i < PROCESSES && seq < seqs; i++) {
        send(children.get((int) ((seq + i) % PROCESSES)), "go");
      }
    }
    for (Child c : children) {
      assertTrue(c.process().waitFor(60, TimeUnit.SECONDS), "child finished");
      assertEquals(0, c.process().exitValue());
    }
    assertEquals(seqs, winners.size(), "every seq has a winner");
    assertEquals(seqs * (PROCESSES - 1), losses, "every loser saw AppendConflict");
    assertTrue(winsByProcess.size() > 1, "the processes really raced: " + winsByProcess);
    assertEquals("1", TestServer.scalar("SELECT count(*) FROM \"" + schema
        + "\".thymos_format").orElseThrow(), "the schema was stamped once");
    try (PostgresLedger ledger = TestLedgers.open(schema)) {
      List<StoredEntry> stored = checkedChain(ledger, TckEntries.traj(1));
      assertEquals(seqs, stored.size());
      for (StoredEntry e : stored) {
        assertEquals(winners.get(e.seq()), e.id().hex(), "the stored entry is the winner's");
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("L5.2, L7.2: 4 processes free-running over 6 trajectories x 40 seqs; exactly one "
      + "winner per position, no lost entry, all replay")
  void required_L5_2_processesAppendToManyTrajectoriesAtOnce() throws Exception {
    int seqs = 40;
    int trajectories = 6;
    TestLedgers.open(schema).close(); // created before, so the processes start appending at once
    List<Child> children = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      children.add(start("many", schema, String.valueOf(p + 1), String.valueOf(seqs),
          String.valueOf(trajectories)));
    }
    for (Child c : children) {
      assertEquals("started", line(c));
    }
    List<CompletableFuture<List<String>>> outputs = new ArrayList<>();
    for (Child c : children) {
      send(c, "open");
      outputs.add(CompletableFuture.supplyAsync(() -> rest(c)));
    }
    Map<String, String> winners = new HashMap<>();
    int losses = 0;
    for (int p = 0; p < PROCESSES; p++) {
      List<String> lines = outputs.get(p).get(90, TimeUnit.SECONDS);
      assertTrue(children.get(p).process().waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, children.get(p).process().exitValue(), "child " + p + ": " + lines);
      assertEquals("done", lines.getLast());
      for (String l : lines.subList(0, lines.size() - 1)) {
        String[] f = l.split(" ");
        if (f[0].equals("won")) {
          assertNull(winners.put(f[1] + " " + f[2], f[3]), "two winners at " + l);
        } else {
          assertEquals("lost", f[0], l);
          losses++;
        }
      }
    }
    assertEquals(seqs * trajectories, winners.size(), "every position has a winner");
    assertEquals(seqs * trajectories * (PROCESSES - 1), losses, "every loser saw a conflict");
    try (PostgresLedger ledger = TestLedgers.open(schema)) {
      for (int t = 1; t <= trajectories; t++) {
        List<StoredEntry> stored = checkedChain(ledger, TckEntries.traj(t));
        assertEquals(seqs, stored.size());
        for (StoredEntry e : stored) {
          assertEquals(winners.get(t + " " + e.seq()), e.id().hex());
        }
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("L5.1, L7.2: kill -9 of a process mid-append loses no acknowledged entry and "
      + "leaves no partial one")
  void required_L5_1_killedProcessLosesNothingAcknowledged() throws Exception {
    int threads = 3;
    int acksBeforeKill = 150;
    Child child = start("ack", schema, "1", String.valueOf(threads));
    assertEquals("started", line(child));
    send(child, "open");
    Pattern ack = Pattern.compile("ack (\\d+) (\\d+) ([0-9a-f]{64})");
    List<String> printed = new ArrayList<>();
    while (printed.size() < acksBeforeKill) {
      printed.add(line(child));
    }
    // SIGKILL while the threads keep appending: no shutdown hook, no rollback from the client.
    // Through the ProcessHandle, which (unlike Process.destroyForcibly) keeps stdout readable.
    assertTrue(child.process().toHandle().destroyForcibly());
    assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.process().exitValue(), "killed by SIGKILL");
    printed.addAll(rest(child));
    // Only complete lines count as acknowledged; the last one may be cut by the kill.
    Map<Integer, List<String>> acked = new HashMap<>();
    Map<Integer, Long> lastAcked = new HashMap<>();
    int complete = 0;
    for (String l : printed) {
      Matcher m = ack.matcher(l);
      if (m.matches()) {
        int t = Integer.parseInt(m.group(1));
        acked.computeIfAbsent(t, k -> new ArrayList<>()).add(m.group(2) + " " + m.group(3));
        lastAcked.merge(t, Long.parseLong(m.group(2)), Math::max);
        complete++;
      }
    }
    assertTrue(complete >= acksBeforeKill, complete + " acknowledgements read");
    try (PostgresLedger ledger = TestLedgers.open(schema)) {
      long total = 0;
      for (int t = 1; t <= threads; t++) {
        List<StoredEntry> stored = checkedChain(ledger, TckEntries.traj(t));
        total += stored.size();
        for (String a : acked.getOrDefault(t, List.of())) {
          String[] f = a.split(" ");
          long seq = Long.parseLong(f[0]);
          assertTrue(seq < stored.size(), "acknowledged seq " + seq + " of traj " + t
              + " is stored");
          assertEquals(f[1], stored.get((int) seq).id().hex(), "the acknowledged entry");
        }
        long last = lastAcked.getOrDefault(t, -1L);
        // At most the one append in flight at the kill may have committed without its ack.
        assertTrue(stored.size() - 1 <= last + 1, "traj " + t + ": stored " + stored.size()
            + ", last acknowledged seq " + last);
        // The trajectory goes on after the crash: nothing was left locked or half-written.
        Optional<StoredEntry> last0 = stored.isEmpty() ? Optional.empty()
            : Optional.of(stored.getLast());
        ledger.append(TckEntries.row(TckEntries.traj(t), last0.map(e -> e.seq() + 1).orElse(0L),
            last0.map(StoredEntry::id), 99, 1));
      }
      assertTrue(total >= complete, "stored " + total + " >= acknowledged " + complete);
    }
  }
}
