package thymos.ledger.postgres;

import java.sql.SQLException;
import thymos.api.LedgerException;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * Turns the driver's {@link SQLException}s into the SPI's typed errors by SQLState (L5.6): damaged
 * data or a missing ledger table is {@link LedgerCorrupted}; everything else — an unreachable
 * server, a refused login, a missing database, a terminated connection, exhausted resources, a
 * missing privilege — is {@link LedgerUnavailable} wrapping the driver's exception. Messages name
 * the SQLState and what it means, never the driver's text: it may name hosts, users or values.
 */
final class PgErrors {

  private PgErrors() {}

  /** The SQLState of {@code e} or of the first chained exception that has one; "" if none. */
  static String state(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null) {
        return x.getSQLState();
      }
    }
    return "";
  }

  /**
   * Whether {@code e} means the connection is gone (class 08, or the server ending the session:
   * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), so the pool must not
   * reuse it.
   */
  static boolean connectionLost(SQLException e) {
    String s = state(e);
    return s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03");
  }

  /** The typed error for {@code e}, which happened while doing {@code action}. */
  static LedgerException map(String action, SQLException e) {
    String s = state(e);
    String why = why(s);
    if (why == null) {
      LedgerCorrupted c = new LedgerCorrupted(action + ": " + corruption(s) + " (SQLState " + s
          + ")");
      c.addSuppressed(e); // LedgerCorrupted takes no cause
      return c;
    }
    return new LedgerUnavailable(action + ": " + why + " (SQLState " + (s.isEmpty() ? "none" : s)
        + ")", e);
  }

  // null for the states that mean damage rather than unavailability.
  private static String why(String s) {
    if (s.equals("XX001") || s.equals("XX002") || s.equals("42P01")) {
      return null;
    }
    if (s.startsWith("08")) {
      return "the PostgreSQL server cannot be reached or the connection was lost";
    }
    if (s.startsWith("28")) {
      return "the PostgreSQL server refused the login (user or password)";
    }
    return switch (s) {
      case "3D000" -> "the database does not exist";
      case "57P01", "57P02" -> "the server terminated the connection";
      case "57P03" -> "the server is not accepting connections now";
      case "57014" -> "the statement was cancelled or timed out";
      case "53300" -> "the server has too many connections";
      case "53100" -> "the server's disk is full";
      case "42501" -> "the user lacks a privilege the ledger needs";
      case "25006" -> "the server is read-only (a standby)";
      case "40001", "40P01" -> "the transaction was aborted by a serialization failure or deadlock";
      default -> s.startsWith("53") ? "the server is out of resources" : "PostgreSQL error";
    };
  }

  private static String corruption(String s) {
    return switch (s) {
      case "42P01" -> "a table of the ledger is missing";
      case "XX002" -> "an index of the ledger is damaged";
      default -> "the stored data is damaged";
    };
  }
}
