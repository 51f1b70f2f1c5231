#!/usr/bin/env bash
# How long `dotnet run --project AppHost` takes on a built tree until it prints "Dashboard ready", how much memory the
# AppHost side (AppHost, Aspire's orchestrator DCP, the Aspire dashboard) and the rest use once idle, and how long a
# SIGTERM takes to leave nothing running. Usage: bench/AppHostStart/measure.sh [runs=3] [idle_seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
idle=${2:-30}
dotnet build AppHost -v q -nologo > /dev/null

# Every process AppHost starts inherits this variable, wherever it is reparented to.
marker="APPHOST_BENCH_RUN=$$"
processes() { grep -l -s -z "$marker" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true; }
# What a process is, by its command line.
group() {
  case "$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null)" in
    *"/AppHost "*) echo "AppHost" ;;
    *"dotnet run --project AppHost"*) echo "dotnet run of AppHost" ;;
    *tools/dcp*) echo "DCP" ;;
    *Aspire.Dashboard*) echo "Aspire dashboard" ;;
    *" run --project "*) echo "dotnet run of each project" ;;
    *clickhouse-server*) echo "clickhouse-server" ;;
    *) echo "services, demo and Garnet" ;;
  esac
}
# Proportional set size: shared pages are split between the processes that map them, so the groups add up.
memory_by_group() {
  for pid in $(processes); do
    echo "$(group "$pid")|$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
  done | awk -F'|' '{ kib[$1] += $2; n[$1]++ } END { for (g in kib) printf "  %-28s %3d processes %6.0f MiB\n", g, n[g], kib[g] / 1024 }' | sort
}

for run in $(seq "$runs"); do
  # A previous AppHost may still be stopping: its ports would stop this one.
  while pgrep -f "tools/dcp" > /dev/null; do sleep 0.2; done
  log=$(mktemp)
  start=$(date +%s%N)
  env "$marker" dotnet run --project AppHost > "$log" 2>&1 &
  launcher=$!
  until grep -q "Dashboard ready" "$log"; do
    if ! kill -0 "$launcher" 2> /dev/null; then echo "AppHost stopped before it was ready:"; cat "$log"; exit 1; fi
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  first=$(grep -m1 -o '^[0-9:]* ' "$log" || true)
  echo "run $run: Dashboard ready after $ready_ms ms (AppHost's first log line $first, ready line $(grep -o '^[0-9:]*' <(grep 'Dashboard ready' "$log")))"
  if [ "$run" -eq "$runs" ]; then
    sleep "$idle"
    echo "after ${idle} s idle, memory (PSS) by group:"
    memory_by_group
  fi
  apphost=$(for pid in $(processes); do if [ "$(group "$pid")" = AppHost ]; then echo "$pid"; fi; done | head -1)
  stop=$(date +%s%N)
  kill -TERM "$apphost"
  while [ -n "$(processes)" ]; do sleep 0.05; done
  echo "run $run: SIGTERM to nothing left running: $(( ($(date +%s%N) - stop) / 1000000 )) ms"
  rm -f "$log"
done
