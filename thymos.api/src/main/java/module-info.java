/**
 * Thymos protocol types and plugin SPIs: canonical JSON (E1), content ids and Ed25519
 * signatures (E2, E3), the data model (M1–M7), audit proof verification (A1–A4), and the
 * interfaces plugins implement. Depends on no other Thymos module.
 */
module thymos.api {
  requires org.bouncycastle.provider;

  exports thymos.api;
  exports thymos.api.json;
  exports thymos.api.crypto;
  exports thymos.api.model;
  exports thymos.api.proof;
  exports thymos.api.spi;
}
