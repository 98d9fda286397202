/**
 * The data model of spec {@code 02-model.md} (M1–M7) and the ledger entry envelope of {@code
 * 06-ledger.md} (L1, L4): records and sealed types, each with a strict {@code fromJson} (E1.5)
 * and a {@code toJson} that writes exactly the members the spec names.
 */
package thymos.api.model;
