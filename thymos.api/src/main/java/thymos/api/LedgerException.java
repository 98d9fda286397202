package thymos.api;

/**
 * Root of ledger backend errors. Open for extension so that the ledger SPI ({@code
 * thymos.ledger.spi}) can define its own types ({@code AppendConflict}, {@code
 * LedgerUnavailable}, …); native driver exceptions never leak unwrapped (L5.6).
 */
public abstract non-sealed class LedgerException extends ThymosException {

  private static final long serialVersionUID = 1L;

  /** See {@link ThymosException#ThymosException(String, String, String, Throwable)}. */
  protected LedgerException(String code, String rule, String detail, Throwable cause) {
    super(code, rule, detail, cause);
  }
}
