/**
 * Built-in key storage (E3.4): {@link thymos.kernel.keys.FileKeyStore}, a folder-backed
 * {@link thymos.api.spi.KeyStore} that reads raw-seed and PKCS#8 PEM Ed25519 key files, plain or
 * encrypted with a {@link thymos.kernel.keys.Passphrase}, refuses key files that group or others
 * may read or write, and never reveals key material.
 */
package thymos.kernel.keys;
