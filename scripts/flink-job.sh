#!/usr/bin/env bash
# Builds the real-Flink job (engines/flink-job, Maven) into .cache/flink-job/ (git-ignored): the job jar
# and lib/ with Flink's runtime jars for the MiniCluster JVM. Maven's downloads stay in ~/.m2; a build is
# skipped while the jar is newer than every source, the pom and the shared test vectors. Offline first
# (`mvn -o`, fast when cached), online when something is missing. Its JUnit tests check the Java twin of
# the workload against test/vectors/ (written by `npm run flink:vectors`).
#
#   scripts/flink-job.sh build | path | clean
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="$PWD/.cache/flink-job"
JAR="$OUT/flinkcoin-flink-job.jar"
POM="engines/flink-job/pom.xml"

die() { echo "flink-job.sh: $*" >&2; exit 1; }

stale() {
  [[ -f "$JAR" && -d "$OUT/lib" ]] || return 0
  [[ -n "$(find engines/flink-job/src "$POM" test/vectors -newer "$JAR" -type f 2>/dev/null | head -1)" ]]
}

build() {
  command -v java >/dev/null || die "Java 17+ is needed to build the Flink job"
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the Flink job"
  mkdir -p "$OUT"
  # Parallel test files and CI serialise here; the second finds the jar fresh.
  exec 9>"$OUT/build.lock"
  flock 9
  if ! stale; then echo "$JAR"; return; fi
  echo "flink-job.sh: building the Flink job (Maven; the first build downloads Flink into ~/.m2)" >&2
  rm -rf "$OUT/lib"
  if ! mvn -q -B -o -f "$POM" package >"$OUT/build.log" 2>&1; then
    mvn -q -B -f "$POM" package >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log" >&2; die "the Maven build failed; see $OUT/build.log"; }
  fi
  touch "$JAR"
  echo "$JAR"
}

case "${1:-}" in
  build) build ;;
  path) echo "$JAR" ;;
  clean) rm -rf "$OUT" ;;
  *) echo "usage: scripts/flink-job.sh build|path|clean" >&2; exit 2 ;;
esac
