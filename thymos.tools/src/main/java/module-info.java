/**
 * The built-in tools (spec 08 T2: {@code kv_get}, {@code kv_put}, {@code fs_read}, {@code
 * fs_write}, {@code fs_patch}, {@code fs_list}, {@code fs_search}, {@code http_fetch} behind the
 * HTTP guard of T5, and {@code exec} in a worker process of T4, whose entry point {@code
 * thymos.tools.exec.WorkerMain} needs no export), the file sandbox that confines the file tools
 * (T3), and the {@code manifests} provider of tools declared by manifest files (T6). Implements
 * the tool SPI of {@code thymos.api} only; the kernel never sees this module's classes.
 */
module thymos.tools {
  requires transitive thymos.api;

  exports thymos.tools;
  exports thymos.tools.sandbox;

  provides thymos.api.spi.ToolProvider with thymos.tools.BuiltinToolProvider,
      thymos.tools.ManifestToolProvider;
}
