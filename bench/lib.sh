# Shared by bench/run and bench/check (sourced). Needs BENCH_DIR, REPO, RUN set by the caller.
# shellcheck shell=bash

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

JAR=$REPO/modules/target/ringmaster.jar
HOST_CGROUPS=()

# build the jar when it is missing or older than the sources (same rule as ./ringmaster), offline
ensure_jar() {
  if [[ ! -f $JAR ]] || [[ -n $(find "$REPO/engine/src/main" "$REPO/modules/src/main" "$REPO/pom.xml" \
        "$REPO/engine/pom.xml" "$REPO/modules/pom.xml" -newer "$JAR" -type f -print -quit 2>/dev/null) ]]; then
    say "building $JAR"
    # offline first (no network needed once the local repository holds everything); a fresh machine's first
    # build fetches the plugins it lacks
    (cd "$REPO" && { mvn -B -q -o -ntp -DskipTests package >/dev/null 2>&1 || mvn -B -q -ntp -DskipTests package >&2; }) ||
      die "mvn package failed"
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

# the processes below PID, three levels deep (time -> bash -> launcher/java), for the thread and fd samples
descendants() {
  local p c d
  for c in $(pgrep -P "$1"); do
    echo "$c"
    for d in $(pgrep -P "$c"); do echo "$d"; pgrep -P "$d" || true; done
  done
}

# CPU seconds used so far inside the bench hosts (sshd, shells, virsh, qemu --version: the remote work), from the
# containers' cgroup v1 cpuacct counters, and by this machine's libvirtd (which serves every host's virsh; it is
# shared, so other users' libvirt work can show up in it). Needs HOST_CGROUPS (set by bench_cgroups).
bench_cgroups() {
  HOST_CGROUPS=()
  local id
  for id in $(docker ps -q --no-trunc --filter label=ringmaster.bench=1); do
    [[ -r /sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage ]] && HOST_CGROUPS+=("/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage")
  done
}
hosts_cpu_ns() {
  ((${#HOST_CGROUPS[@]})) || { echo 0; return; }
  cat "${HOST_CGROUPS[@]}" 2>/dev/null | awk '{s += $1} END {printf "%.0f", s}'
}
libvirtd_cpu_ticks() {
  local p
  p=$(pgrep -x libvirtd | head -1)
  [[ -n $p ]] && awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0
}

# one timed run: measure_once LOGFILE CMD... ; sets M_WALL M_RSS_MB M_CPU M_RC M_SESS_MIN M_SESS_MAX,
# M_HOSTS_CPU M_LIBVIRTD_CPU (remote-side CPU seconds, see hosts_cpu_ns), and
# M_THREADS M_FDS (with M_SAMPLE=1: the most threads and open file descriptors of one process below it, sampled
# every 0.25 s; 0 without)
measure_once() {
  local log=$1; shift
  local tf=$log.time before after tpid child s
  before=$(session_counts "$N")
  local hc0 lv0
  hc0=$(hosts_cpu_ns); lv0=$(libvirtd_cpu_ticks)
  M_THREADS=0 M_FDS=0
  set +e
  /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1 &
  tpid=$!
  while [[ ${M_SAMPLE:-0} == 1 ]] && kill -0 "$tpid" 2>/dev/null; do
    for child in $(descendants "$tpid"); do
      [[ -r /proc/$child/status ]] || continue
      s=$(awk '/^Threads:/ {print $2}' "/proc/$child/status" 2>/dev/null)
      [[ -n $s ]] && ((s > M_THREADS)) && M_THREADS=$s
      s=$(ls "/proc/$child/fd" 2>/dev/null | wc -l)
      ((s > M_FDS)) && M_FDS=$s
    done
    sleep 0.25
  done
  wait "$tpid"
  M_RC=$?
  set -e
  M_HOSTS_CPU=$(awk -v a="$hc0" -v b="$(hosts_cpu_ns)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
  M_LIBVIRTD_CPU=$(awk -v a="$lv0" -v b="$(libvirtd_cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz}')
  after=$(session_counts "$N")
  M_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s}' "$tf")
  M_RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tf")
  M_CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$tf")
  read -r M_SESS_MIN M_SESS_MAX < <(paste <(echo "$before") <(echo "$after") |
    awk 'NR == 1 {mn = 1e9; mx = -1} {d = $2 - $1; if (d < mn) mn = d; if (d > mx) mx = d} END {print mn, mx}')
}

# undefine every bench domain (rmf-bench1..N) in ONE virsh process, so that the next run is a first apply again
reset_domains() {
  local n=$1 i cmds=
  for ((i = 1; i <= n; i++)); do cmds+="undefine rmf-bench$i; "; done
  virsh -q -c qemu:///system "$cmds" >/dev/null 2>&1 || true
}

# Ansible and Mitogen from Debian's packages (LAB-NOTES: ansible-core 2.14 + community.libvirt); Mitogen is optional
ensure_ansible() {
  if ! command -v ansible-playbook >/dev/null || ! /usr/bin/python3 -c 'import libvirt, lxml' 2>/dev/null; then
    say "installing Ansible (apt-get install -y --no-install-recommends ansible python3-libvirt python3-lxml)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ansible python3-libvirt python3-lxml \
      >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends ansible python3-libvirt python3-lxml >/dev/null 2>&1; } || die "could not install Ansible"
  fi
  if [[ ! -d /usr/lib/python3/dist-packages/ansible_mitogen ]]; then
    say "installing Mitogen (apt-get install -y --no-install-recommends ansible-mitogen)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ansible-mitogen >/dev/null 2>&1 ||
      say "ansible-mitogen did not install: the Mitogen runner is skipped"
  fi
}

# the sum of changed=N over the recap lines of a Ringmaster or Ansible log ("" when it has none)
changed_total() {
  awk '/ : ok=[0-9]+ +changed=[0-9]+/ {for (i = 1; i <= NF; i++) if ($i ~ /^changed=/) {split($i, a, "="); c += a[2]; f = 1}}
       END {if (f) print c}' "$1"
}

# median / min / max of numbers on stdin: prints "median min max"
stats() {
  sort -g | awk '{v[NR] = $1} END {if (NR == 0) {print "- - -"; exit}
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR]}'
}
