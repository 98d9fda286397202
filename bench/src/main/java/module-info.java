/**
 * JMH benchmarks of replay, the world fold, canonical JSON and ids, governed execution, {@code
 * exec} in a warm worker, the SQLite and PostgreSQL backends, and the replay memory check
 * (docs/performance.md). Not a library: nothing is exported; run from the benchmarks jar.
 */
module thymos.bench {
  requires java.management;
  requires java.sql;
  requires jmh.core;
  requires thymos.kernel;
  requires thymos.ledger.postgres;
  requires thymos.ledger.spi;
  requires thymos.ledger.sqlite;
  requires thymos.tools;
}
