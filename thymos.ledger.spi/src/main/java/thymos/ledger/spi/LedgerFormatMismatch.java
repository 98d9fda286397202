package thymos.ledger.spi;

import thymos.api.LedgerException;

/** A store stamped with another storage-format version (L5.7). */
public final class LedgerFormatMismatch extends LedgerException {

  private static final long serialVersionUID = 1L;

  private final int found;
  private final int expected;

  /**
   * @param found the version stamped in the store
   * @param expected the version this backend writes
   */
  public LedgerFormatMismatch(int found, int expected) {
    super("THY-L507", "L5.7", "storage format version: found " + found + ", expected " + expected
        + " (migrations are explicit commands)", null);
    this.found = found;
    this.expected = expected;
  }

  /** The version found in the store. */
  public int found() {
    return found;
  }

  /** The version expected. */
  public int expected() {
    return expected;
  }
}
