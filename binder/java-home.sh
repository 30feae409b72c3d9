# Sourced by postBuild and start: JAVA_HOME from the `java` on PATH (conda-forge's openjdk) when unset.
if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null 2>&1; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  export JAVA_HOME
fi
