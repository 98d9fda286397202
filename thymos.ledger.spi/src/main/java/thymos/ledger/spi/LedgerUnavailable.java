package thymos.ledger.spi;

import thymos.api.LedgerException;

/** The store cannot be reached or written right now (I/O, connection, disk full) (L5.6). */
public final class LedgerUnavailable extends LedgerException {

  private static final long serialVersionUID = 1L;

  /**
   * @param detail what failed
   * @param cause the native driver exception, wrapped (L5.6)
   */
  public LedgerUnavailable(String detail, Throwable cause) {
    super("THY-L506", "L5.6", "ledger unavailable: " + detail, cause);
  }
}
