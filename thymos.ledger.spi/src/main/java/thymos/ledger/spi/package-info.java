/**
 * The ledger backend contract (06 L5): typed errors now; the backend interface, provider
 * discovery and reads arrive with the kernel issue.
 */
package thymos.ledger.spi;
