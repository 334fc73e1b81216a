# Sourced by ./mvnw, ./clinicterm and .ci/run: makes JAVA_HOME point at a JDK 25 or newer.
# An explicit JAVA_HOME that is new enough wins; otherwise the usual install places are searched.
clinicterm_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
clinicterm_find_java() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(clinicterm_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 25 ] 2>/dev/null && return 0
  fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]* \
           /usr/lib/jvm/jdk-2[5-9]* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$d/bin/java" ]; then
      v=$(clinicterm_java_major "$d")
      if [ "${v:-0}" -ge 25 ] 2>/dev/null; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
    fi
  done
  echo "ClinicTerm needs a JDK 25 or newer: set JAVA_HOME to one." >&2
  return 1
}
case $- in *f*) set +f; clinicterm_find_java; _ct_rc=$?; set -f ;; *) clinicterm_find_java; _ct_rc=$? ;; esac
[ "$_ct_rc" -eq 0 ] || exit 1
