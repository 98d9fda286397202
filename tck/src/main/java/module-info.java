/**
 * The technology compatibility kit (spec 10): the contract suite a ledger backend must pass (06
 * L5, K2). A backend author extends {@link thymos.tck.LedgerBackendVerification} in a test and
 * runs it on the JUnit Platform; tests that need an undeclared capability are skipped, naming it
 * (K2.6).
 */
module thymos.tck {
  requires net.jqwik.api;
  requires thymos.kernel;
  requires transitive org.junit.jupiter.api;
  requires transitive thymos.ledger.spi;

  exports thymos.tck;

  opens thymos.tck to org.junit.platform.commons, net.jqwik.engine;
}
