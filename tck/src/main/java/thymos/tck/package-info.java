/**
 * The technology compatibility kit (spec 10): {@link thymos.tck.LedgerBackendVerification}, the
 * ledger-backend contract suite (06 L5; K2.1, K2.3, K2.4, K2.6), the {@link
 * thymos.tck.TckEnvironment} that identifies a store under test, and {@link
 * thymos.tck.TckEntries}, real kernel entries for backend tests.
 */
package thymos.tck;
