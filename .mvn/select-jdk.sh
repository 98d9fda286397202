# Sourced by ./mvnw and .ci/run (POSIX sh). Thymos targets Java 21: when JAVA_HOME (or the java
# on PATH) is older than 21, pick the newest JDK >= 21 found in the usual install folders and
# export it as JAVA_HOME. An explicit JAVA_HOME of 21 or newer is always kept.
thymos_java_major() {
  # A JDK's release file names its version without starting a JVM (~0.1 s saved per call);
  # asking the JVM is the fallback for a java without one.
  _bin="$(command -v "$1" 2>/dev/null || true)"
  if [ -n "$_bin" ] && command -v readlink >/dev/null 2>&1; then
    _bin="$(readlink -f "$_bin" 2>/dev/null || echo "$_bin")"
  fi
  _release="${_bin%/bin/java}/release"
  if [ -n "$_bin" ] && [ -f "$_release" ]; then
    _v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$_release" | head -n 1)"
    if [ -n "$_v" ]; then
      echo "$_v"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
thymos_select_jdk() {
  _java="java"
  [ -n "${JAVA_HOME-}" ] && _java="$JAVA_HOME/bin/java"
  _major="$(thymos_java_major "$_java" 2>/dev/null || true)"
  if [ -n "$_major" ] && [ "$_major" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  _best="" _best_major=0
  case $- in *f*) _noglob=1; set +f ;; *) _noglob=0 ;; esac
  for _home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$_home/bin/javac" ] || continue
    _m="$(thymos_java_major "$_home/bin/java" 2>/dev/null || true)"
    if [ -n "$_m" ] && [ "$_m" -ge 21 ] 2>/dev/null && [ "$_m" -gt "$_best_major" ]; then
      _best="$_home" _best_major="$_m"
    fi
  done
  [ "$_noglob" = 1 ] && set -f
  if [ -n "$_best" ]; then
    JAVA_HOME="$_best"
    export JAVA_HOME
  else
    echo "Thymos needs a JDK 21 or newer: set JAVA_HOME to one (found ${_major:-no java})." >&2
    exit 3
  fi
}
thymos_select_jdk
