package thymos.ledger.spi;

import thymos.api.LedgerException;

/** Stored data that breaks the structural rules a backend checks (L3.1, L5.5). */
public final class LedgerCorrupted extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param detail what is wrong, naming the trajectory and seq */
  public LedgerCorrupted(String detail) {
    super("THY-L506", "L5.6", "ledger corrupted: " + detail, null);
  }
}
