/**
 * Export and import bundles (06 §L8): a trajectory set written as JSON Lines — a signed header
 * with a checkpoint per trajectory, then every entry's canonical bytes — and read back into any
 * ledger after verifying everything, in bounded memory.
 */
package thymos.kernel.bundle;
