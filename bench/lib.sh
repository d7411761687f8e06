# Shared by bench/run and bench/check (sourced). Needs BENCH_DIR, REPO, RUN set by the caller.
# shellcheck shell=bash

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

JAR=$REPO/modules/target/ringmaster.jar

# build the jar when it is missing or older than the sources (same rule as ./ringmaster), offline
ensure_jar() {
  if [[ ! -f $JAR ]] || [[ -n $(find "$REPO/engine/src/main" "$REPO/modules/src/main" "$REPO/pom.xml" \
        "$REPO/engine/pom.xml" "$REPO/modules/pom.xml" -newer "$JAR" -type f -print -quit 2>/dev/null) ]]; then
    say "building $JAR"
    (cd "$REPO" && mvn -B -q -o -DskipTests package >&2) || die "mvn package failed"
  fi
}

ensure_time() {
  [[ -x /usr/bin/time ]] && return
  say "installing GNU time (apt-get install time)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; } ||
    die "could not install GNU time (/usr/bin/time)"
}

# per-host "Accepted publickey" counts, one number per line in host order 1..N
session_counts() {
  local n=$1 i
  for ((i = 1; i <= n; i++)); do
    grep -c 'Accepted publickey' "$RUN/hosts/$i/log/sshd.log" 2>/dev/null || true
  done
}

# remove what the playbook writes on every host (so the next run is a first run again), without logging in
reset_hosts() {
  local n=$1 i
  for ((i = 1; i <= n; i++)); do rm -f "$RUN/hosts/$i/tmp/ringmaster-bench.conf"; done
}

# one timed run: measure_once LOGFILE CMD... ; sets M_WALL M_RSS_MB M_CPU M_RC M_SESS_MIN M_SESS_MAX
measure_once() {
  local log=$1; shift
  local tf=$log.time before after
  before=$(session_counts "$N")
  set +e
  /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1
  M_RC=$?
  set -e
  after=$(session_counts "$N")
  M_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s}' "$tf")
  M_RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tf")
  M_CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$tf")
  read -r M_SESS_MIN M_SESS_MAX < <(paste <(echo "$before") <(echo "$after") |
    awk 'NR == 1 {mn = 1e9; mx = -1} {d = $2 - $1; if (d < mn) mn = d; if (d > mx) mx = d} END {print mn, mx}')
}

# median / min / max of numbers on stdin: prints "median min max"
stats() {
  sort -g | awk '{v[NR] = $1} END {if (NR == 0) {print "- - -"; exit}
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR]}'
}
