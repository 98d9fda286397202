package thymos.tck;

import thymos.ledger.spi.LedgerBackend;

/**
 * The TCK run against {@link FlawedLedger}s (K4), one class per flaw. Not named {@code *Test}:
 * surefire must not run them directly; {@link FlawedBackendsTest} runs them and checks which
 * tests fail.
 */
final class FlawedVerifications {

  private FlawedVerifications() {}

  private abstract static class Flawed extends LedgerBackendVerification {
    private final FlawedLedger.Flaw flaw;

    Flawed(FlawedLedger.Flaw flaw) {
      this.flaw = flaw;
    }

    @Override
    protected LedgerBackend create(TckEnvironment env) {
      return new FlawedLedger(env, flaw);
    }

    @Override
    protected void cleanUp(TckEnvironment env) {
      FlawedLedger.drop(env);
    }
  }

  static final class Sound extends Flawed {
    Sound() {
      super(FlawedLedger.Flaw.NONE);
    }
  }

  static final class DropsAnAppend extends Flawed {
    DropsAnAppend() {
      super(FlawedLedger.Flaw.DROPS_AN_APPEND);
    }
  }

  static final class ReordersOnReopen extends Flawed {
    ReordersOnReopen() {
      super(FlawedLedger.Flaw.REORDERS_ON_REOPEN);
    }
  }

  static final class AcceptsStaleParent extends Flawed {
    AcceptsStaleParent() {
      super(FlawedLedger.Flaw.ACCEPTS_STALE_PARENT);
    }
  }

  static final class ReserialisesPayloads extends Flawed {
    ReserialisesPayloads() {
      super(FlawedLedger.Flaw.RESERIALISES_PAYLOADS);
    }
  }
}
