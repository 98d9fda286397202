/**
 * The Thymos kernel: authority verification (W1–W6), and with later issues compilation,
 * governance, execution and replay. Knows no concrete backend, tool or clock; time and entropy
 * come through the SPIs of {@code thymos.api}.
 */
module thymos.kernel {
  requires com.networknt.schema;
  requires org.bouncycastle.provider;
  requires tools.jackson.databind;
  requires thymos.ledger.spi;
  requires transitive thymos.api;

  exports thymos.kernel;
  exports thymos.kernel.anchor;
  exports thymos.kernel.authority;
  exports thymos.kernel.bundle;
  exports thymos.kernel.compiler;
  exports thymos.kernel.keys;
  exports thymos.kernel.policy;
  exports thymos.kernel.proof;
  exports thymos.kernel.redaction;
  exports thymos.kernel.registry;
  exports thymos.kernel.replay;
  exports thymos.kernel.routing;
  exports thymos.kernel.run;

  uses thymos.api.spi.AnchorSinkProvider;
  uses thymos.api.spi.PolicyProvider;
  uses thymos.api.spi.ToolProvider;
}
