/**
 * The {@code thymos} command line: initialise a project, manage keys and writs, run a governed
 * agent from a script, vote on approvals, audit and replay trajectories. A surface only: every
 * decision is the kernel's, every fact the ledger's. Ledger backends and tools arrive as
 * service-loaded modules on the module path or linked into a jlink image ({@code thymos plugins}
 * lists them).
 */
module thymos.cli {
  requires info.picocli;
  requires thymos.kernel;
  requires thymos.ledger.spi;

  opens thymos.cli to info.picocli;

  uses thymos.api.spi.ToolProvider;
}
