/**
 * The anchor trajectory and anchor sinks (07 A5): {@link thymos.kernel.anchor.AnchorLedger}
 * records signed checkpoints of trajectories and the receipts of published anchor checkpoints;
 * {@link thymos.kernel.anchor.AnchorProof} chains an entry to the anchor trajectory's root;
 * {@link thymos.kernel.anchor.AnchorSinks} selects sink plugins; {@link
 * thymos.kernel.anchor.AnchorAudit} re-checks receipts and the consistency of what was published.
 */
package thymos.kernel.anchor;
